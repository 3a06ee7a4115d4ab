import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES } from '../support/databases.js';
import { postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { ensureBuilt, freePort, startServer } from '../support/server-process.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../support/test-app.js';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('SIGTERM under load', () => {
  beforeAll(() => ensureBuilt());

  it('finishes every in-flight request, then exits 0', async () => {
    // At debug level the server logs each request as it arrives ("incoming request"), which this test waits for.
    const server = await startServer({ LOG_LEVEL: 'debug' });
    // Four accounts, ten logins each: more than 10 at once on one account would be throttled (docs/security.md).
    const emails = [0, 1, 2, 3].map((i) => `sigterm${i}@example.com`);
    for (const email of emails) expect((await post(`${server.baseUrl}/users`, { email, password: 'sigterm password' })).status).toBe(201);
    // Logins are slow on purpose (argon2id), so many are in flight when the signal lands.
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      post(`${server.baseUrl}/auth/token`, { email: emails[i % 4], password: 'sigterm password' }).then(
        (r) => r.status,
        (e: unknown) => `failed: ${String(e)}`,
      ),
    );
    // In flight = received by the server: wait until every request has been logged as incoming.
    const received = () => server.output().split('\n').filter((l) => l.includes('incoming request') && l.includes('/auth/token')).length;
    while (received() < inFlight.length) await new Promise((r) => setTimeout(r, 5));
    const exited = server.stop('SIGTERM');
    const statuses = await Promise.all(inFlight);
    const code = await exited;
    const failed = statuses.filter((s) => s !== 200);
    console.log(`SIGTERM: ${statuses.length} requests in flight, ${failed.length} failed, exit code ${code}`);
    expect(failed).toEqual([]);
    expect(code).toBe(0);
    expect(server.output()).toContain('shutting down');
  });
});

describe.skipIf(!postgresAvailable)('database outage (PostgreSQL behind a TCP proxy)', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    db = await POSTGRES.create();
    const real = new URL(db.url);
    proxy = new TcpProxy({ host: real.hostname, port: Number(real.port || 5432) }, await freePort());
    await proxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    t = await buildTestApp({ url: viaProxy.toString(), drop: async () => undefined });
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.cut();
    await db?.drop();
  });

  it('turns ready 503 and answers 503 problems fast while cut, then recovers by itself', async () => {
    const { auth } = await registerAndLogin(t.app, 'outage@example.com');
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);

    await proxy.cut();
    const started = Date.now();
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    const me = await t.app.inject({ method: 'GET', url: '/users/me', headers: auth });
    const elapsed = Date.now() - started;
    expect(me.statusCode).toBe(503);
    expect(me.headers['content-type']).toMatch(/problem\+json/);
    expect(me.body).not.toMatch(/ECONNREFUSED|pg|postgres|kysely|\bat\b .*\.js/i);
    expect(elapsed).toBeLessThan(8_000);

    await proxy.restore();
    const restoredAt = Date.now();
    let recovered = false;
    while (Date.now() - restoredAt < 10_000) {
      if ((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200) {
        recovered = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`outage: failed fast in ${elapsed} ms; recovered ${Date.now() - restoredAt} ms after the proxy came back`);
    expect(recovered).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/users/me', headers: auth })).statusCode).toBe(200);
  });
  it('an order whose confirm was cut off mid-outage is either fully confirmed or untouched', async () => {
    const admin = (await adminAndLogin(t, 'outage-admin@example.com')).auth;
    const customer = (await registerAndLogin(t.app, 'outage-buyer@example.com')).auth;
    const products = [];
    for (let i = 0; i < 3; i++) {
      const p = await t.app.inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: `OUT-${i}`, name: `Out ${i}`, price: { amount: '1.00', currency: 'USD' }, stock: 1000 } });
      products.push(p.json().id as string);
    }
    const orders = [];
    for (let i = 0; i < 12; i++) {
      const o = await t.app.inject({ method: 'POST', url: '/orders', headers: customer, payload: { items: products.map((productId) => ({ productId, quantity: 1 + (i % 3) })) } });
      orders.push(o.json() as { id: string; items: { quantity: number }[] });
    }
    // Confirm them all at once and cut the database off while they run.
    const confirms = orders.map((o) => t.app.inject({ method: 'POST', url: `/orders/${o.id}/confirm`, headers: customer }));
    await Promise.race(confirms); // some have finished, others are mid-transaction
    await proxy.cut();
    const results = await Promise.all(confirms);
    await proxy.restore();
    for (let i = 0; i < 50 && (await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode !== 200; i++) await new Promise((r) => setTimeout(r, 100));

    let confirmedUnits = 0;
    for (const o of orders) {
      const now = (await t.app.inject({ method: 'GET', url: `/orders/${o.id}`, headers: customer })).json();
      expect(['pending', 'confirmed']).toContain(now.status);
      if (now.status === 'confirmed') confirmedUnits += o.items[0]!.quantity;
    }
    // Stock moved by exactly the confirmed orders' quantities: no half-confirmed order anywhere.
    for (const productId of products) {
      const stock = (await t.app.inject({ method: 'GET', url: `/products/${productId}` })).json().stock;
      expect(stock).toBe(1000 - confirmedUnits);
    }
    const answered = results.map((r) => r.statusCode);
    console.log(`outage mid-confirm: answers ${JSON.stringify(answered)}, ${confirmedUnits} units confirmed`);
    expect(answered.every((s) => s === 200 || s === 503)).toBe(true);
  });
});
