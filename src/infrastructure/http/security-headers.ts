import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The security headers @fastify/helmet sends for `options`, computed once.
 *
 * @fastify/helmet calls `helmet(options)` — which re-parses the options of a dozen
 * middlewares — on every request; profiling put that at ~60 % of the CPU of a
 * `GET /products/{id}`. With global, static options (no per-route config, no CSP nonces)
 * the headers never vary, so we ask the plugin once, on a throwaway instance, which
 * headers it sets, and send exactly those: same headers, same values, whatever helmet
 * version is installed. `security-headers.test.ts` compares both on every run.
 */
export const helmetHeaders = async (options: FastifyHelmetOptions): Promise<Record<string, string>> => {
  const probe = Fastify({ logger: false });
  try {
    await probe.register(helmet, { ...options, global: true, enableCSPNonces: false });
    // Helmet sets its headers on the raw response in onRequest: by the handler, they are all there.
    probe.get('/', (_request, reply) => reply.send(reply.raw.getHeaders()));
    const res = await probe.inject({ method: 'GET', url: '/' });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.json() as Record<string, string | number | string[]>)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return headers;
  } finally {
    await probe.close();
  }
};

/**
 * Sends helmet's headers (for `options`) on every response, including errors and 404s; with
 * `requestIdHeader`, the request's id too. One hook for both: every hook costs per request.
 */
export const registerSecurityHeaders = async (
  app: FastifyInstance,
  options: FastifyHelmetOptions,
  extra: { requestIdHeader?: string } = {},
): Promise<void> => {
  const headers = await helmetHeaders(options);
  const idHeader = extra.requestIdHeader;
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers);
    if (idHeader !== undefined) void reply.header(idHeader, request.id);
    done();
  });
};
