import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type onRequestHookHandler } from 'fastify';

/** Paths, headers and bodies that must never reach a log line. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.password',
  'res.headers["set-cookie"]',
  '*.password',
  '*.access_token',
];

// Query parameters that may carry a credential: their values never reach a log line.
const CREDENTIAL_PARAMS = new Set(['access_token', 'refresh_token', 'id_token', 'token']);

const decodedName = (name: string): string => {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
};

/** A URL as logged: the values of credential-bearing query parameters redacted, however their names are encoded. */
export const loggableUrl = (url: string): string => {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const pairs = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    return CREDENTIAL_PARAMS.has(decodedName(name)) ? `${name}=[redacted]` : pair;
  });
  return `${url.slice(0, q)}?${pairs.join('&')}`;
};

/** The request as logged (Fastify's default fields), with `loggableUrl`. */
export const requestLogSerializer = (req: {
  method: string;
  url: string;
  headers?: Record<string, string | string[] | undefined>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) => ({
  method: req.method,
  url: loggableUrl(req.url),
  version: [req.headers?.['accept-version']].flat()[0],
  host: req.host,
  remoteAddress: req.ip,
  remotePort: req.socket?.remotePort,
});

/** The route of a request that matched none (the same name /metrics uses). */
export const UNMATCHED_ROUTE = 'unmatched';

declare module 'fastify' {
  interface FastifyRequest {
    /** The template of the route that matched (`/orders/:id`), set as the request arrives; null: none matched. */
    routeTemplate: string | null;
  }
}

/**
 * Fastify's per-request log lines, reshaped: one line per request when its response is sent
 * ("request completed", at error level "request errored" when the response itself failed),
 * carrying method, route template (`/orders/:id`, so lines group by endpoint), URL (credentials
 * in its query redacted), status, duration in ms, the caller's user id when authenticated, the
 * client address and (through pino's child logger) the request id. "incoming request" moves to
 * debug level, for tracing a request that never completes.
 */
export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const userId = request.caller?.actor.userId;
    const fields = {
      method: request.method,
      route: request.routeTemplate ?? UNMATCHED_ROUTE,
      url: loggableUrl(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      ...(userId === undefined ? {} : { userId }),
      remoteAddress: request.ip,
    };
    if (error) request.log.error({ ...fields, err: error }, 'request errored');
    else request.log.info(fields, 'request completed');
  }
}

/**
 * Gives every request its route template. Captured once per route, as in metrics.ts, rather than
 * read from `request.routeOptions`, which builds an object on each read.
 */
export const registerRouteTemplates = (app: FastifyInstance): void => {
  app.decorateRequest('routeTemplate', null);
  app.addHook('onRoute', (route) => {
    const template = route.url;
    const remember: onRequestHookHandler = (request, _reply, done) => {
      request.routeTemplate = template;
      done();
    };
    route.onRequest = [remember, ...(route.onRequest === undefined ? [] : [route.onRequest].flat())];
  });
};
