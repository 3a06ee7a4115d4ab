import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler } from 'fastify';

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

const logCompleted = (request: FastifyRequest, reply: FastifyReply, route: string): void => {
  const userId = request.caller?.actor.userId;
  request.log.info(
    {
      method: request.method,
      route,
      url: loggableUrl(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      ...(userId === undefined ? {} : { userId }),
      remoteAddress: request.ip,
    },
    'request completed',
  );
};

/**
 * One info line per request, when its response is sent: method, route template (`/orders/:id`,
 * so lines group by endpoint), URL (credentials in its query redacted), status, duration in ms,
 * the caller's user id when authenticated, and (through pino's child logger) the request id.
 * Replaces Fastify's own pair of lines (`disableRequestLogging`); "incoming request" stays at
 * debug level for tracing a request that never completes.
 */
export const registerRequestLog = (app: FastifyInstance): void => {
  app.addHook('onRequest', (request, _reply, done) => {
    request.log.debug({ req: request }, 'incoming request');
    done();
  });
  // As in metrics.ts: the template is captured once per route rather than read from request.routeOptions per request.
  app.addHook('onRoute', (route) => {
    const template = route.url;
    const log: onResponseHookHandler = (request, reply, done) => {
      logCompleted(request, reply, template);
      done();
    };
    route.onResponse = [...(route.onResponse === undefined ? [] : [route.onResponse].flat()), log];
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) logCompleted(request, reply, UNMATCHED_ROUTE);
    done();
  });
};
