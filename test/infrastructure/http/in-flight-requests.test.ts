import Fastify from 'fastify';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { InFlightRequests } from '../../../src/infrastructure/http/in-flight-requests.js';
import { registerMetrics } from '../../../src/infrastructure/http/metrics.js';

/** An app whose GET /slow answers only once `release` is called; /metrics reads the same counter. */
const appWithGate = async (busyAt: number) => {
  const inFlight = new InFlightRequests(busyAt);
  const app = Fastify();
  inFlight.track(app);
  registerMetrics(app, {}, inFlight);
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  app.get('/slow', async () => {
    await gate;
    return { ok: true };
  });
  app.get('/fail', async () => {
    throw new Error('boom');
  });
  app.post('/body', async () => ({ ok: true }));
  await app.ready();
  return { app, inFlight, release };
};

/** Waits (bounded) until the injected requests have reached their handler. */
const until = async (done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('InFlightRequests: the load signal the outbox dispatcher backs off on', () => {
  it('counts requests from arrival to response and reports busy from the threshold on', async () => {
    const { app, inFlight, release } = await appWithGate(3);
    expect(inFlight.busy()).toBe(false);
    const two = [app.inject({ url: '/slow' }), app.inject({ url: '/slow' })];
    await until(() => inFlight.count === 2);
    expect(inFlight.count).toBe(2);
    expect(inFlight.busy()).toBe(false);
    const third = app.inject({ url: '/slow' });
    await until(() => inFlight.count === 3);
    expect(inFlight.busy()).toBe(true);
    // /metrics reports the same count (its own request included).
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(/^http_requests_in_flight 4$/m);
    release();
    await Promise.all([...two, third]);
    expect(inFlight.count).toBe(0);
    expect(inFlight.busy()).toBe(false);
    await app.close();
  });

  it('lets go of unmatched and failed requests too', async () => {
    const { app, inFlight } = await appWithGate(1);
    expect((await app.inject({ url: '/nowhere' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/fail' })).statusCode).toBe(500);
    expect(inFlight.count).toBe(0);
    expect(inFlight.busy()).toBe(false);
    await app.close();
  });
});

describe('InFlightRequests and clients that go away (a real port)', () => {
  it('lets go of requests whose client disconnected, before or while the handler ran, and of bodies never finished', async () => {
    const { app, inFlight, release } = await appWithGate(2);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const open = (path: string, method = 'GET', headers: Record<string, string> = {}) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers });
      req.on('error', () => undefined);
      return req;
    };
    const waiting = [open('/slow'), open('/slow')];
    for (const req of waiting) req.end();
    const halfBody = open('/body', 'POST', { 'content-type': 'application/json', 'content-length': '100' });
    halfBody.write('{"a":');
    await until(() => inFlight.count === 3);
    expect(inFlight.count).toBe(3);
    for (const req of [...waiting, halfBody]) req.destroy();
    release();
    await until(() => inFlight.count === 0);
    // Every aborted request used to stay counted: past the threshold the outbox dispatcher slowed down for good.
    expect(inFlight.count).toBe(0);
    expect(inFlight.busy()).toBe(false);
    await app.close();
  });
});

describe('http_request_duration_seconds (prom-client Histogram)', () => {
  it('adds every observation of a (method, route template, status) to one series', async () => {
    const { app } = await appWithGate(10);
    for (let i = 0; i < 3; i++) await app.inject({ url: '/fail' });
    await app.inject({ url: '/nowhere/1' });
    await app.inject({ url: '/nowhere/2' });
    const body = (await app.inject({ url: '/metrics' })).body;
    expect(body).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
    expect(body).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/fail",status_code="500"\} 3$/m);
    expect(body).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/fail",status_code="500"\} 3$/m);
    expect(body).toMatch(/^http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 2$/m);
    expect(body.match(/^http_request_duration_seconds_count\{/gm)).toHaveLength(2);
    await app.close();
  });
});
