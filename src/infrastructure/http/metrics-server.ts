import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerErrorHandling } from './error-handler.js';
import type { ScrapeMetrics } from './metrics.js';
import { registerSecurityHeaders } from './security-headers.js';

/**
 * The metrics listener for METRICS_PORT: GET /metrics and nothing else, so Prometheus can
 * scrape on a port the public never reaches. Errors are problems, as on the API.
 */
export const buildMetricsApp = async (scrape: ScrapeMetrics, log?: FastifyBaseLogger): Promise<FastifyInstance> => {
  const app: FastifyInstance = Fastify({ ...(log ? { loggerInstance: log } : {}), return503OnClosing: true, forceCloseConnections: true });
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await scrape();
    return reply.type(contentType).send(body);
  });
  await app.ready();
  return app;
};
