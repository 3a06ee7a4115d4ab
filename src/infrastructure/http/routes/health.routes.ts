import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpDeps } from '../http-deps.js';

const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]) }, { additionalProperties: false });

export const healthRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/health/live',
      { schema: { operationId: 'live', summary: 'Liveness: the process is up', tags: ['operations'], response: { 200: Health } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/health/ready',
      {
        schema: {
          operationId: 'ready',
          summary: 'Readiness: the database answers',
          tags: ['operations'],
          response: { 200: Health, 503: Health },
        },
      },
      async (request, reply) => {
        try {
          await deps.checkReadiness();
          return { status: 'ok' as const };
        } catch (err) {
          request.log.warn({ err }, 'readiness check failed');
          return reply.code(503).send({ status: 'unavailable' as const });
        }
      },
    );
  };
