import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { buildLoggingTestApp, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

describe('HTTP hardening', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('sends security headers and no CORS headers by default', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses JSON nested deeper than the limit with a 400 problem', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await t.app.inject({ method: 'POST', url: '/users', headers: { 'content-type': 'application/json' }, payload: `{"email":${deep},"password":"x"}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/nested/);
    const ok = await t.app.inject({ method: 'POST', url: '/users', headers: { 'content-type': 'application/json' }, payload: '{"email":"brackets@example.com","password":"[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\\"{{"}' });
    expect(ok.statusCode).toBe(201); // brackets inside strings do not count
  });

  it('exposes Prometheus metrics labelled by route template', async () => {
    const { auth } = await registerAndLogin(t.app, 'metrics@example.com');
    await t.app.inject({ method: 'GET', url: '/users/me', headers: auth });
    await t.app.inject({ method: 'GET', url: '/users/some-id', headers: auth });
    await t.app.inject({ method: 'GET', url: '/no/such/path' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/users\/me",status_code="200"\} 1/);
    expect(res.body).toMatch(/route="\/users\/:id",status_code="404"/);
    expect(res.body).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/users\/me",status_code="200"\} [01]/);
    expect(res.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1/);
    expect(res.body).not.toContain('some-id');
    expect(res.body).not.toContain('/no/such/path');
    expect(res.body).toContain('http_requests_in_flight');
    expect(res.body).toContain('process_cpu_seconds_total');
    // The registration's welcome email waits in the outbox (no dispatcher runs in this test).
    expect(res.body).toMatch(/outbox_rows\{status="pending"\} [1-9]/);
    expect(res.body).toMatch(/outbox_rows\{status="dead"\} 0/);
  });
});

describe('CORS when configured', () => {
  it('allows only the configured origins', async () => {
    const db = await createSqliteDatabase();
    const t = await buildTestApp(db, { CORS_ORIGINS: 'https://shop.example' });
    try {
      const ok = await t.app.inject({ method: 'OPTIONS', url: '/products', headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' } });
      expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
      const other = await t.app.inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
      await db.drop();
    }
  });
});

describe('logs', () => {
  it('carry the request id, never passwords or tokens; a 5xx tells the client only the request id', async () => {
    const db = await createSqliteDatabase();
    const { app, services, log: logged, close } = await buildLoggingTestApp(db);
    try {
      const { auth } = await registerAndLogin(app, 'logs@example.com', 'super secret words');
      const token = auth.authorization.slice('Bearer '.length);
      await app.inject({ method: 'GET', url: '/users/me', headers: { ...auth, 'x-request-id': 'trace-me-1' } });
      // Break the database underneath the app: the next request fails in a way no table maps.
      await services.database.close();
      const res = await app.inject({ method: 'GET', url: '/users/me', headers: { ...auth, 'x-request-id': 'trace-me-2' } });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      const body = res.json();
      expect(body.requestId).toBe('trace-me-2');
      expect(JSON.stringify(body)).not.toMatch(/sqlite|kysely|database|stack|\.ts:/i);
      const log = logged();
      expect(log).toContain('"reqId":"trace-me-1"');
      expect(log).toMatch(/"reqId":"trace-me-2".*"level":50|"level":50.*"reqId":"trace-me-2"/);
      expect(log).not.toContain('super secret words');
      expect(log).not.toContain(token);
    } finally {
      await close();
      await db.drop();
    }
  });
});
