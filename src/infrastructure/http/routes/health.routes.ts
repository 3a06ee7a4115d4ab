import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { HttpDeps } from '../http-deps.js';
import { HealthSchema } from '../schemas/health.schema.js';
import { okResponse } from '../schemas/response.schema.js';

export const healthRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/health/live',
      { schema: { operationId: 'live', summary: 'Liveness: the process is up', description: "Answers 200 as long as the process can serve HTTP. For orchestrators' liveness probes; it never touches the database.", tags: ['operations'], security: [], response: { 200: okResponse(HealthSchema, 'The process is up') } } },
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
          security: [],
          // 503 is the probe's answer, not an error: the same body as 200, so probes read one shape.
          response: { 200: okResponse(HealthSchema, 'The database answers'), 503: okResponse(HealthSchema, 'The database does not answer; route no traffic here') },
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
