import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerErrorHandling } from './error-handler.js';
import type { HttpDeps } from './http-deps.js';
import { registerJsonBodyParser } from './json-body-parser.js';
import { registerMetrics } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerStatementCounterHeader } from './statement-counter-header.js';
import { authRoutes } from './routes/auth.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { ordersRoutes } from './routes/orders.routes.js';
import { productsRoutes } from './routes/products.routes.js';
import { usersRoutes } from './routes/users.routes.js';
import { ProblemSchema } from './schemas/problem.schema.js';
import { validatorCompiler } from './validator-compiler.js';

export interface HttpOptions {
  logger: FastifyServerOptions['logger'];
  /** JSON body cap in bytes; the contract's default is 64 KiB, never above 1 MiB. */
  bodyLimit: number;
  trustProxy: boolean;
  /** Origins allowed by CORS; empty (the default) means CORS stays off. */
  corsOrigins: string[];
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Paths, headers and bodies that must never reach a log line. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.password',
  'res.headers["set-cookie"]',
  '*.password',
  '*.access_token',
];

/**
 * Builds the HTTP adapter (no listening): tests inject requests into exactly the
 * app production serves. Order matters: error handling and schemas first, then
 * security headers and docs, then routes.
 */
export const buildApp = async (deps: HttpDeps, options: HttpOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy,
    // An incoming x-request-id is honoured only if it is short and plain; otherwise we make one.
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.decorateRequest('caller', null);
  app.addSchema(ProblemSchema);
  registerErrorHandling(app);
  // Fastify parses text/plain by default; this API speaks JSON only (→ 415).
  app.removeContentTypeParser('text/plain');
  registerJsonBodyParser(app);
  deps.inFlight.track(app);
  registerMetrics(app, deps.metrics ?? {}, deps.inFlight);
  if (deps.statementTallies) registerStatementCounterHeader(app, deps.statementTallies);
  // The API's security headers (the docs page adds helmet's full set, see security-headers.ts)
  // and the request id: set as the request arrives, so every response carries them.
  registerSecurityHeaders(app, { requestIdHeader: 'x-request-id' });
  if (options.corsOrigins.length > 0) {
    await app.register(cors, { origin: options.corsOrigins, exposedHeaders: ['etag', 'location', 'retry-after', 'x-request-id'] });
  }
  await registerOpenApi(app);

  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(usersRoutes(deps));
  await app.register(productsRoutes(deps));
  await app.register(ordersRoutes(deps));
  return app;
};
