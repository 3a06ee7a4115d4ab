import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpDeps } from '../http-deps.js';

const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]) }, { additionalProperties: false });

export const healthRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/health/live',
      { schema: { operationId: 'live', summary: 'Liveness: the process is up', description: "Answers 200 as long as the process can serve HTTP. For orchestrators' liveness probes; it never touches the database.", tags: ['operations'], response: { 200: Health } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/health/ready',
      {
        schema: {
          operationId: 'ready',
          summary: 'Readiness: the database answers',
          description: '200 when the database answers a trivial query, 503 otherwise. Load balancers should route traffic only to ready instances.',
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
