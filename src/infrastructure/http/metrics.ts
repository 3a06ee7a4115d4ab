import type { FastifyInstance, onResponseHookHandler } from 'fastify';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { RequestDurationHistogram } from './request-duration-histogram.js';

export interface MetricsSources {
  /** Connection-pool use (PostgreSQL); absent on SQLite. */
  pool?: () => { total: number; idle: number; waiting: number };
  /** Outbox backlog: rows waiting and rows parked as dead. */
  outbox?: () => Promise<{ pending: number; dead: number }>;
  /** Kept up to date with the requests in flight, for others to read (the outbox dispatcher's back-off). */
  inFlight?: { count: number };
}

/** The metrics text and its content type, as a scrape gets them. */
export type ScrapeMetrics = () => Promise<{ contentType: string; body: string }>;

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metrics, for a separate metrics listener (METRICS_PORT, see metrics-server.ts). */
    scrapeMetrics: ScrapeMetrics;
  }
}

/**
 * Prometheus metrics at GET /metrics (or, with `route: false`, only through `app.scrapeMetrics`). Each app gets its own registry (no global
 * state), and request duration is labelled by route *template*, never by raw URL,
 * so label cardinality stays bounded.
 */
export const registerMetrics = (app: FastifyInstance, sources: MetricsSources, options: { route: boolean } = { route: true }): void => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const duration = new RequestDurationHistogram([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
  // A plain counter, read at scrape time: cheaper per request than Gauge.inc/dec.
  const inFlight = sources.inFlight ?? { count: 0 };
  new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests being processed',
    registers: [registry],
    collect() {
      this.set(inFlight.count);
    },
  });

  if (sources.pool) {
    const pool = sources.pool;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const s = pool();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }
  if (sources.outbox) {
    const outbox = sources.outbox;
    new Gauge({
      name: 'outbox_rows',
      help: 'Outbox rows by status (pending: not yet delivered; dead: gave up)',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const s = await outbox();
        this.set({ status: 'pending' }, s.pending);
        this.set({ status: 'dead' }, s.dead);
      },
    });
  }

  // Callback-style hooks: no promise per request. The route template is captured when each
  // route is added (reading request.routeOptions builds an object per call); requests that
  // match no route are counted by the global hook under 'unmatched'.
  app.addHook('onRequest', (_request, _reply, done) => {
    inFlight.count += 1;
    done();
  });
  app.addHook('onRoute', (route) => {
    const template = route.url;
    const observe: onResponseHookHandler = (request, reply, done) => {
      duration.observe(duration.seriesFor(request.method, template, reply.statusCode), reply.elapsedTime / 1000);
      done();
    };
    route.onResponse = [...(route.onResponse === undefined ? [] : [route.onResponse].flat()), observe];
  });
  app.addHook('onResponse', (request, reply, done) => {
    inFlight.count -= 1;
    if (request.is404) duration.observe(duration.seriesFor(request.method, 'unmatched', reply.statusCode), reply.elapsedTime / 1000);
    done();
  });

  const scrape: ScrapeMetrics = async () => ({ contentType: registry.contentType, body: `${await registry.metrics()}\n${duration.text()}\n` });
  app.decorate('scrapeMetrics', scrape);
  if (!options.route) return;
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const { contentType, body } = await scrape();
    return reply.type(contentType).send(body);
  });
};
