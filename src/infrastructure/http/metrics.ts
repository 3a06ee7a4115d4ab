import type { FastifyInstance, onResponseHookHandler } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsSources {
  /** Connection-pool use (PostgreSQL); absent on SQLite. */
  pool?: () => { total: number; idle: number; waiting: number };
  /** Outbox backlog: rows waiting and rows parked as dead. */
  outbox?: () => Promise<{ pending: number; dead: number }>;
  /** Counters kept outside the HTTP adapter (the business figures, metrics/business-metrics.ts), scraped with these. */
  registries?: readonly Registry[];
  /** Webhook deliveries by status: pending and failed rows (every node sees them); attempts are a business counter. */
  webhooks?: {
    deliveries: () => Promise<{ pending: number; failed: number }>;
  };
}

/** The metrics text and its content type, as a scrape gets them. */
export type ScrapeMetrics = () => Promise<{ contentType: string; body: string }>;

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metrics, for a separate metrics listener (METRICS_PORT, see metrics-server.ts). */
    scrapeMetrics: ScrapeMetrics;
  }
}

type Observer = { observe(seconds: number): void };

/**
 * A gauge read from the database while the database is down has no value: its series are left
 * out of the scrape (Prometheus marks them stale) rather than failing the whole scrape with a 500,
 * so the process metrics still arrive when they matter most.
 */
const readOrNothing = async <T>(read: () => Promise<T>): Promise<T | null> => {
  try {
    return await read();
  } catch {
    return null;
  }
};

/**
 * Prometheus metrics at GET /metrics (or, with `route: false`, only through `app.scrapeMetrics`). Each app gets its own registry (no global
 * state), and request duration is labelled by route *template*, never by raw URL,
 * so label cardinality stays bounded.
 */
export const registerMetrics = (
  app: FastifyInstance,
  sources: MetricsSources,
  inFlight: { readonly count: number },
  options: { route: boolean } = { route: true },
): void => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  /** The labelled child of one route, per method and status: `labels()` validates and allocates, so it runs once per series. */
  const seriesOf = (route: string) => {
    const children = new Map<string, Observer>();
    return (method: string, status: number): Observer => {
      const key = `${method} ${status}`;
      let child = children.get(key);
      if (child === undefined) {
        child = duration.labels(method, route, String(status));
        children.set(key, child);
      }
      return child;
    };
  };

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
        const s = await readOrNothing(outbox);
        this.reset();
        if (s === null) return;
        this.set({ status: 'pending' }, s.pending);
        this.set({ status: 'dead' }, s.dead);
      },
    });
  }

  if (sources.webhooks) {
    const webhooks = sources.webhooks;
    new Gauge({
      name: 'webhook_deliveries',
      help: 'Webhook deliveries by status (pending: to be attempted or retried; failed: gave up, retry by hand)',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const s = await readOrNothing(webhooks.deliveries);
        this.reset();
        if (s === null) return;
        this.set({ status: 'pending' }, s.pending);
        this.set({ status: 'failed' }, s.failed);
      },
    });
  }

  // Callback-style hooks: no promise per request. The route template is captured when each
  // route is added (reading request.routeOptions builds an object per call); requests that
  // match no route are counted by the global hook under 'unmatched'.
  app.addHook('onRoute', (route) => {
    const series = seriesOf(route.url);
    const observe: onResponseHookHandler = (request, reply, done) => {
      series(request.method, reply.statusCode).observe(reply.elapsedTime / 1000);
      done();
    };
    route.onResponse = [...(route.onResponse === undefined ? [] : [route.onResponse].flat()), observe];
  });
  const unmatched = seriesOf('unmatched');
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) unmatched(request.method, reply.statusCode).observe(reply.elapsedTime / 1000);
    done();
  });

  // The merged registry holds the same metric objects: what the others count later shows in its scrape.
  const scraped = sources.registries?.length ? Registry.merge([registry, ...sources.registries]) : registry;
  const scrape: ScrapeMetrics = async () => ({ contentType: scraped.contentType, body: await scraped.metrics() });
  app.decorate('scrapeMetrics', scrape);
  if (!options.route) return;
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const { contentType, body } = await scrape();
    return reply.type(contentType).send(body);
  });
};
