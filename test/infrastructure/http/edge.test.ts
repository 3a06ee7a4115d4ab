import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMetricsApp } from '../../../src/infrastructure/http/metrics-server.js';
import { API_SECURITY_HEADERS } from '../../../src/infrastructure/http/security-headers.js';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAliceAndBob, buildLoggingTestApp, buildTestApp, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;

/** What every error of the API looks like: problem+json, the security headers, no framework internals. */
const expectProblem = (res: LightMyRequestResponse, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) expect(res.headers[name], name).toBe(value);
  expect(res.headers['x-request-id']).toBeTruthy();
  expect(res.body).not.toMatch(/FST_|fastify|find-my-way/i);
  const body = res.json();
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  return body as { status: number; detail: string; errors?: { path: string; message: string }[] };
};

describe('the HTTP edge', () => {
  let db: TestDatabase;
  let t: TestApp;
  let alice: { id: string; auth: Headers };
  let admin: Headers;
  let productId: string;

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db);
    ({ admin, alice } = await adminAliceAndBob(t));
    const res = await t.app.inject({
      method: 'POST',
      url: '/products',
      headers: admin,
      payload: { sku: 'EDGE-1', name: 'Edge', price: { amount: '1.00', currency: 'USD' }, stock: 5 },
    });
    productId = res.json().id as string;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  describe('errors the framework raises are problems too', () => {
    it('a URL that is not valid percent-encoding → 400 problem', async () => {
      const body = expectProblem(await t.app.inject({ method: 'GET', url: '/products/%ff' }), 400);
      expect(body.detail).toMatch(/URL/);
    });

    it.each(['/products?q=%ZZ', '/products?q=50%', '/products?q=a%2', '/products?q=%ff', '/products?q=%ED%A0%80', '/products?%ZZ=1', '/orders?status=%C0%AE'])(
      'a query string that is not valid percent-encoding (%s) → 400 problem, never searched for as typed',
      async (url) => {
        const body = expectProblem(await t.app.inject({ method: 'GET', url, headers: alice.auth }), 400);
        expect(body.detail).toMatch(/query string/);
      },
    );

    it('a query string that is valid percent-encoding is decoded as before', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/products?q=%45dge&limit=%31' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((p: { sku: string }) => p.sku)).toEqual(['EDGE-1']);
    });

    it('a body sent with a content coding the API does not decode (gzip) → 415, not parsed as if it were plain', async () => {
      const { gzipSync } = await import('node:zlib');
      const payload = { email: 'gzip@example.com', password: 'correct horse battery' };
      for (const [coding, body] of [['gzip', gzipSync(JSON.stringify(payload))], ['gzip', JSON.stringify(payload)], ['br', JSON.stringify(payload)]] as const) {
        const res = await t.app.inject({ method: 'POST', url: '/users', headers: { 'content-type': 'application/json', 'content-encoding': coding }, payload: body });
        expect(expectProblem(res, 415).detail).toMatch(/content-encoding|Content-Encoding/);
        expect(res.headers['accept-encoding']).toBe('identity');
      }
      const identity = await t.app.inject({ method: 'POST', url: '/users', headers: { 'content-type': 'application/json', 'content-encoding': 'identity' }, payload });
      expect(identity.statusCode, identity.body).toBe(201);
    });

    it('a path segment longer than any id → 414 problem; one of id length still reaches the route', async () => {
      expectProblem(await t.app.inject({ method: 'GET', url: `/products/${'a'.repeat(201)}` }), 414);
      expectProblem(await t.app.inject({ method: 'GET', url: `/products/${'a'.repeat(65)}` }), 414);
      const idLength = await t.app.inject({ method: 'GET', url: `/products/${'a'.repeat(64)}` });
      expectProblem(idLength, 404);
    });

    it('leaves the in-flight gauge balanced', async () => {
      await t.app.inject({ method: 'GET', url: '/products/%ff' });
      await t.app.inject({ method: 'GET', url: `/products/${'a'.repeat(65)}` });
      await t.app.inject({ method: 'GET', url: '/orders?status=%00', headers: alice.auth });
      // The scrape itself is the one request in flight.
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/^http_requests_in_flight 1$/m);
    });
  });

  describe('request bodies', () => {
    it.each(['null', '[]', '"x"', '1', 'true'])('valid JSON that is not an object (%s) → 422, and no order is made', async (payload) => {
      const res = await t.app.inject({ method: 'POST', url: '/orders', headers: { ...alice.auth, 'content-type': 'application/json' }, payload });
      const body = expectProblem(res, 422);
      expect(body.errors?.[0]?.path).toBe('/');
      const page = await t.app.inject({ method: 'GET', url: '/orders', headers: alice.auth });
      expect(page.json().items).toEqual([]);
    });

    it('an absent body is still "no body": an empty order', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/orders', headers: alice.auth });
      expect(res.statusCode, res.body).toBe(201);
      await t.app.inject({ method: 'POST', url: `/orders/${res.json().id as string}/cancel`, headers: alice.auth });
    });

    it('a NUL in a string field → 422 naming the field', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/users',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":"nul@example.com","password":"correct horse\\u0000battery"}',
      });
      expect(expectProblem(res, 422).errors).toEqual([{ path: '/password', message: expect.stringMatching(/NUL/) }]);
      const nested = await t.app.inject({
        method: 'POST',
        url: '/orders',
        headers: { ...alice.auth, 'content-type': 'application/json' },
        payload: `{"items":[{"productId":"${productId}\\u0000","quantity":1}]}`,
      });
      expect(expectProblem(nested, 422).errors?.[0]?.path).toBe('/items/0/productId');
    });

    it('a NUL in a form field of POST /auth/token → 422 naming the field, not a login attempt', async () => {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const res = await t.app.inject({ method: 'POST', url: '/auth/token', headers: form, payload: 'username=alice%40example.com&password=correct+horse%00battery' });
      expect(expectProblem(res, 422).errors).toEqual([{ path: '/password', message: expect.stringMatching(/NUL/) }]);
      const refresh = await t.app.inject({ method: 'POST', url: '/auth/token', headers: form, payload: 'grant_type=refresh_token&refresh_token=abc%00def' });
      expect(expectProblem(refresh, 422).errors?.[0]?.path).toBe('/refresh_token');
    });

    it('a NUL in a query parameter → 422 naming the parameter', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/orders?status=pending%00', headers: alice.auth });
      expect(expectProblem(res, 422).errors?.[0]?.path).toBe('status');
    });

    it.each(['application/json; charset=latin1', 'application/json; charset=ISO-8859-1', 'Application/JSON;Charset="UTF-16"', 'application/json; charset=utf-8; charset=latin1'])(
      'a JSON body declared in another charset (%s) → 415 naming UTF-8, never parsed as UTF-8',
      async (contentType) => {
        const payload = JSON.stringify({ email: 'latin1@example.com', password: 'correct horse battery' });
        const res = await t.app.inject({ method: 'POST', url: '/users', headers: { 'content-type': contentType }, payload });
        expect(expectProblem(res, 415)).toMatchObject({ type: '/problems/unsupported-media-type', detail: expect.stringMatching(/UTF-8/) });
        const order = await t.app.inject({ method: 'POST', url: '/orders', headers: { ...alice.auth, 'content-type': contentType }, payload: '{}' });
        expectProblem(order, 415);
      },
    );

    it.each(['application/json', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json; charset=utf8'])('a JSON body as %s is accepted', async (contentType) => {
      const email = `utf8-${contentType.length}@example.com`;
      const res = await t.app.inject({ method: 'POST', url: '/users', headers: { 'content-type': contentType }, payload: JSON.stringify({ email, password: 'correct horse battery' }) });
      expect(res.statusCode, res.body).toBe(201);
    });

    it('a "__proto__" key is refused (prototype poisoning), not parsed', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/users',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":"proto@example.com","password":"correct horse battery","__proto__":{"role":"admin"}}',
      });
      expectProblem(res, 400);
      const ctor = await t.app.inject({
        method: 'POST',
        url: '/users',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":"ctor@example.com","password":"correct horse battery","constructor":{"prototype":{"role":"admin"}}}',
      });
      expectProblem(ctor, 400);
    });
  });

  describe('query strings', () => {
    it.each([
      ['/orders?serach=x', 'serach'],
      ['/orders?status=pending&limt=5', 'limt'],
      ['/products?serach=mug', 'serach'],
      ['/users/me?access_token=abc', 'access_token'],
      ['/orders/some-id?expand=items', 'expand'],
      ['/health/live?x=1', 'x'],
    ])('%s → 422 naming the unknown parameter', async (url, name) => {
      const res = await t.app.inject({ method: 'GET', url, headers: alice.auth });
      const body = expectProblem(res, 422);
      expect(body.errors).toEqual([{ path: name, message: 'is not a parameter of this endpoint' }]);
    });

    it.each([
      ['/products?limit=abc', 'limit'],
      ['/products?limit=1000', 'limit'],
      ['/products?cursor=not-a-cursor', 'cursor'],
      ['/products?sort=prise', 'sort'],
      ['/products?currency=XXX', 'currency'],
      ['/products?minPrice=1', 'minPrice'],
      ['/orders?status=lost', 'status'],
      ['/orders?createdFrom=yesterday', 'createdFrom'],
      ['/orders?cursor=not-a-cursor', 'cursor'],
    ])('%s → 422 naming the parameter by its name, whichever layer refuses it', async (url, name) => {
      const res = await t.app.inject({ method: 'GET', url, headers: admin });
      const body = expectProblem(res, 422);
      expect(body.errors?.[0]?.path).toBe(name);
    });

    it.each([
      ['/products?limit=1&limit=2', 'limit'],
      ['/products?limit=5&limit=5', 'limit'],
      ['/products?cursor=abc&cursor=def', 'cursor'],
      ['/products?q=mug&q=cup', 'q'],
      ['/orders?status=pending&status=confirmed', 'status'],
      ['/orders/some-id/history?cursor=abc&cursor=def', 'cursor'],
    ])('%s → 422: a parameter given twice is named, and told it must be given once', async (url, name) => {
      const res = await t.app.inject({ method: 'GET', url, headers: admin });
      expect(expectProblem(res, 422).errors).toEqual([{ path: name, message: 'must be given once' }]);
    });

    it('an unknown parameter given twice is still an unknown parameter', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/products?serach=a&serach=b' });
      expect(expectProblem(res, 422).errors).toEqual([{ path: 'serach', message: 'is not a parameter of this endpoint' }]);
    });

    it('known parameters still work', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/orders?status=pending&limit=5', headers: alice.auth })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/products?limit=5' })).statusCode).toBe(200);
    });
  });

  describe('Cache-Control on authenticated routes', () => {
    it('every response of an authenticated route is no-store, its errors included; public reads are not', async () => {
      const me = await t.app.inject({ method: 'GET', url: '/users/me', headers: alice.auth });
      expect(me.statusCode).toBe(200);
      expect(me.headers['cache-control']).toBe('no-store');
      const orders = await t.app.inject({ method: 'GET', url: '/orders', headers: alice.auth });
      expect(orders.headers['cache-control']).toBe('no-store');
      const refused = await t.app.inject({ method: 'GET', url: '/orders' });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['cache-control']).toBe('no-store');
      const catalog = await t.app.inject({ method: 'GET', url: '/products' });
      expect(catalog.headers['cache-control']).toBeUndefined();
    });
  });

  describe('If-Match', () => {
    it.each([300, 5000])('an If-Match of %i characters is a mismatch like any other: 412, never 422', async (length) => {
      const created = await t.app.inject({ method: 'POST', url: '/orders', headers: alice.auth, payload: {} });
      const id = created.json().id as string;
      const res = await t.app.inject({ method: 'POST', url: `/orders/${id}/cancel`, headers: { ...alice.auth, 'if-match': `"${'9'.repeat(length - 2)}"` } });
      expectProblem(res, 412);
      const junk = await t.app.inject({
        method: 'POST',
        url: `/orders/${id}/items`,
        headers: { ...alice.auth, 'if-match': 'x'.repeat(length) },
        payload: { productId, quantity: 1 },
      });
      expectProblem(junk, 412);
      await t.app.inject({ method: 'POST', url: `/orders/${id}/cancel`, headers: alice.auth });
    });
  });

  it('GET /orders documents that a page is bounded by lines too', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.paths['/orders'].get.description).toMatch(/1000 lines/);
  });
});

describe('CORS with CORS_ORIGINS set', () => {
  let db: TestDatabase;
  let t: TestApp;
  const origin = 'https://shop.example';

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db, { CORS_ORIGINS: origin });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it.each([
    ['GET', '/orders', 'authorization'],
    ['POST', '/orders', 'authorization, content-type, idempotency-key'],
    ['PATCH', '/orders/some-id/items/some-item', 'authorization, content-type, if-match'],
    ['DELETE', '/orders/some-id/items/some-item', 'authorization, if-match'],
    ['POST', '/orders/some-id/confirm', 'authorization, if-match, idempotency-key'],
  ])('a browser preflight for %s %s asking for %s is allowed', async (method, url, requested) => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url,
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': requested },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    const methods = String(res.headers['access-control-allow-methods']).split(/\s*,\s*/);
    expect(methods).toContain(method);
    const allowed = String(res.headers['access-control-allow-headers']).toLowerCase().split(/\s*,\s*/);
    for (const header of requested.split(', ')) expect(allowed).toContain(header);
  });

  it('lets the browser read ETag, Location and Retry-After', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live', headers: { origin } });
    const exposed = String(res.headers['access-control-expose-headers']).toLowerCase().split(/\s*,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'location', 'retry-after']));
  });
});

describe('logs never hold a token passed in the query string', () => {
  it('redacts access_token and token parameters from the logged URL', async () => {
    const db = await createSqliteDatabase();
    const { app, log: logged, close } = await buildLoggingTestApp(db);
    try {
      await app.inject({ method: 'GET', url: '/users/me?access_token=SECRET-ONE-abc.def' });
      await app.inject({ method: 'GET', url: '/orders?limit=2&token=SECRET-TWO&Access_Token=SECRET-THREE' });
      await app.inject({ method: 'GET', url: '/orders?access%5Ftoken=SECRET-FOUR&refresh_token=SECRET-FIVE' });
      const log = logged();
      expect(log).toContain('/users/me?access_token=[redacted]');
      expect(log).toContain('/orders?limit=2&token=[redacted]');
      expect(log).not.toMatch(/SECRET-/);
    } finally {
      await close();
      await db.drop();
    }
  });
});

describe('METRICS_PORT', () => {
  it('moves /metrics off the public app onto the metrics listener, which reports the public traffic', async () => {
    const db = await createSqliteDatabase();
    const t = await buildTestApp(db, { METRICS_PORT: '9464' });
    const metrics = await buildMetricsApp(t.app.scrapeMetrics);
    try {
      expectProblem(await t.app.inject({ method: 'GET', url: '/metrics' }), 404);
      await t.app.inject({ method: 'GET', url: '/health/live' });
      const res = await metrics.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} 1/);
      const other = await metrics.inject({ method: 'GET', url: '/users' });
      expect(other.statusCode).toBe(404);
      expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await metrics.close();
      await t.close();
      await db.drop();
    }
  });

  it('without it, /metrics stays on the public app', async () => {
    const db = await createSqliteDatabase();
    const t = await buildTestApp(db);
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await t.close();
      await db.drop();
    }
  });
});
