import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES } from '../support/databases.js';
import { postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { ensureBuilt, freePort, startServer } from '../support/server-process.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { buildTestApp, registerAndLogin, type TestApp } from '../support/test-app.js';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('SIGTERM under load', () => {
  beforeAll(() => ensureBuilt());

  it('finishes every in-flight request, then exits 0', async () => {
    const server = await startServer();
    const email = 'sigterm@example.com';
    expect((await post(`${server.baseUrl}/users`, { email, password: 'sigterm password' })).status).toBe(201);
    // Logins are slow on purpose (argon2id), so many are in flight when the signal lands.
    const inFlight = Array.from({ length: 40 }, () =>
      post(`${server.baseUrl}/auth/token`, { email, password: 'sigterm password' }).then(
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
});
