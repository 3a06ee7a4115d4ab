import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerMetrics } from '../../../src/infrastructure/http/metrics.js';

describe('/metrics while the database is down', () => {
  it('answers 200 with the process metrics and leaves out the gauges it could not read', async () => {
    let down = false;
    const read = async () => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return { pending: 3, dead: 1, failed: 2 };
    };
    const app = Fastify();
    registerMetrics(app, { outbox: read, webhooks: { deliveries: read } }, { count: 0 });
    await app.ready();
    const up = await app.inject({ url: '/metrics' });
    expect(up.statusCode).toBe(200);
    expect(up.body).toContain('outbox_rows{status="pending"} 3');
    expect(up.body).toContain('webhook_deliveries{status="failed"} 2');

    down = true;
    const scrape = await app.inject({ url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
    expect(scrape.body).toContain('http_requests_in_flight 0');
    expect(scrape.body).toContain('process_cpu_user_seconds_total');
    expect(scrape.body).not.toMatch(/^outbox_rows\{/m);
    expect(scrape.body).not.toMatch(/^webhook_deliveries\{/m);
    await app.close();
  });
});
