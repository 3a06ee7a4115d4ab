import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TrustProxy } from '../config/config.js';
import { registerAdminConsole } from './admin-console.js';
import { registerErrorHandling } from './error-handler.js';
import { clientErrorHandler, frameworkErrors, refuseConnect } from './framework-errors.js';
import type { HttpDeps } from './http-deps.js';
import { registerJsonBodyParser } from './json-body-parser.js';
import { registerMetrics } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { registerRouteTemplates, RequestLogController } from './request-log.js';
import { registerRouteAccess } from './route-access.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerSingleValuedQuery } from './single-valued-query.js';
import { registerStatementCounterHeader } from './statement-counter-header.js';
import { authRoutes } from './routes/auth.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { ordersRoutes } from './routes/orders.routes.js';
import { productsRoutes } from './routes/products.routes.js';
import { reportsRoutes } from './routes/reports.routes.js';
import { usersRoutes } from './routes/users.routes.js';
import { webhooksRoutes } from './routes/webhooks.routes.js';
import { registerComponentSchemas } from './schemas/components.schemas.js';
import { validatorCompiler } from './validator-compiler.js';

export interface HttpOptions {
  logger: FastifyServerOptions['logger'];
  /** JSON body cap in bytes; the contract's default is 64 KiB, never above 1 MiB. */
  bodyLimit: number;
  /** Fastify's trustProxy: no proxy, a hop count, or proxy addresses/CIDRs (never `true`, see config.ts). */
  trustProxy: TrustProxy;
  /** Origins allowed by CORS; empty (the default) means CORS stays off. */
  corsOrigins: string[];
  /** Limits on slow clients; absent: Fastify's defaults (tests that never listen). */
  timeouts?: { headersMs: number; requestMs: number; idleMs: number };
  /** False when /metrics is served on its own port (METRICS_PORT) instead of this app's. */
  serveMetrics?: boolean;
  /** The built admin console (dist/console) to serve at /admin; absent: no console (not built). */
  adminConsoleDir?: string | undefined;
}

/** The longest id a path names (Id() in primitives.schema.ts): a longer path segment is refused by the router. */
export const MAX_PATH_PARAM_LENGTH = 64;

/** Methods and request headers the API uses, for CORS preflights. */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'];
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-request-id'];
export const CORS_EXPOSED_HEADERS = ['etag', 'location', 'retry-after', 'x-request-id'];

/** Node's request-timeout sweep runs every 30 s by default, which would stretch a short timeout; check often enough to honour it. */
const connectionsCheckingInterval = (timeouts: NonNullable<HttpOptions['timeouts']>): number =>
  Math.max(50, Math.min(1_000, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4)));

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// Logging's pieces live in request-log.ts; re-exported for the callers that import them from here.
export { LOG_REDACT, loggableUrl, requestLogSerializer } from './request-log.js';

const NO_QUERY = { type: 'object', properties: {}, additionalProperties: false } as const;

/**
 * An API operation without query parameters refuses any (422 naming it), like the ones
 * with some: a query string is never silently ignored. (API operations are the routes with
 * documented responses; the docs pages and /metrics are left alone.)
 */
const closeQueryStrings = (app: FastifyInstance): void => {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { hide?: boolean; response?: unknown; querystring?: unknown } | undefined;
    if (!schema?.response || schema.hide || schema.querystring !== undefined) return;
    schema.querystring = NO_QUERY;
  });
};

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
    // One line per request instead of Fastify's two, with the route and the user (request-log.ts).
    logController: new RequestLogController(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAM_LENGTH },
    frameworkErrors: frameworkErrors(MAX_PATH_PARAM_LENGTH),
    clientErrorHandler,
    ...(options.timeouts
      ? {
          requestTimeout: options.timeouts.requestMs,
          connectionTimeout: options.timeouts.idleMs,
          http: { headersTimeout: options.timeouts.headersMs, connectionsCheckingInterval: connectionsCheckingInterval(options.timeouts) },
        }
      : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();
  // On the server Fastify built, so `npm start` and every test that listens answer CONNECT alike.
  app.server.on('connect', (_request, socket: Duplex) => refuseConnect(socket));

  app.setValidatorCompiler(validatorCompiler);
  closeQueryStrings(app);
  registerSingleValuedQuery(app);
  app.decorateRequest('caller', null);
  registerComponentSchemas(app);
  registerErrorHandling(app);
  deps.inFlight.track(app);
  registerMetrics(app, deps.metrics ?? {}, deps.inFlight, { route: options.serveMetrics ?? true });
  registerRouteTemplates(app);
  if (deps.statementTallies) registerStatementCounterHeader(app, deps.statementTallies);
  // The API's security headers (the docs page adds helmet's full set, see security-headers.ts)
  // and the request id: set as the request arrives, so every response carries them.
  registerSecurityHeaders(app, { requestIdHeader: 'x-request-id' });
  // After the headers (hooks run in order): a request refused for a NUL in its URL carries them too.
  // Fastify parses text/plain by default; this API speaks JSON only (→ 415).
  app.removeContentTypeParser('text/plain');
  registerJsonBodyParser(app);
  if (options.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: options.corsOrigins,
      methods: CORS_METHODS,
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
  await registerOpenApi(app);
  // Before the routes: it reads each route's `config.access` as the route is added.
  registerRouteAccess(app, deps.requireUser);

  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(usersRoutes(deps));
  await app.register(productsRoutes(deps));
  await app.register(ordersRoutes(deps));
  await app.register(reportsRoutes(deps));
  await app.register(webhooksRoutes(deps));
  if (options.adminConsoleDir !== undefined) await registerAdminConsole(app, options.adminConsoleDir);
  return app;
};
