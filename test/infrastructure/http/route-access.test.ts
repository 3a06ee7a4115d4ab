import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAliceAndBob, buildTestApp, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;

/**
 * Authorization is decided before validation: a customer (or a caller without a token) who sends
 * an admin endpoint a malformed body, query, path or header hears 403 (401), never a 422 that
 * would describe the admin API's shape. An admin sending the same request gets the 422.
 */
const BAD_ADMIN_REQUESTS: (Omit<InjectOptions, 'headers'> & { headers?: Headers; name: string })[] = [
  { name: 'create a product with an empty body', method: 'POST', url: '/products', payload: {} },
  { name: 'create a product as text/plain', method: 'POST', url: '/products', payload: 'sku=x', headers: { 'content-type': 'text/plain' } },
  { name: 'create a product with malformed JSON', method: 'POST', url: '/products', payload: '{"sku":', headers: { 'content-type': 'application/json' } },
  { name: 'change a product with a bad id and a numeric price', method: 'PATCH', url: '/products/bad%20id', payload: { price: 5 } },
  { name: 'archive a product with a bad id', method: 'POST', url: '/products/bad%20id/archive' },
  { name: 'unarchive a product with an unknown parameter', method: 'POST', url: '/products/p1/unarchive?force=1' },
  { name: 'adjust stock without a reason', method: 'POST', url: '/products/p1/stock-adjustments', payload: { delta: 'x' } },
  { name: 'read stock movements with a bad limit', method: 'GET', url: '/products/p1/stock-movements?limit=0' },
  { name: 'ship with a numeric carrier', method: 'POST', url: '/orders/o1/ship', payload: { carrier: 5 } },
  { name: 'deliver with a bad Idempotency-Key', method: 'POST', url: '/orders/o1/deliver', headers: { 'idempotency-key': 'ä' } },
  { name: 'list users with a bad role', method: 'GET', url: '/users?role=root' },
  { name: 'reactivate a user with an unknown parameter', method: 'POST', url: '/users/u1/reactivate?x=1' },
  { name: 'read the sales report without parameters', method: 'GET', url: '/reports/sales' },
  { name: 'read the sales report with a typo', method: 'GET', url: '/reports/sales?currency=USD&from=2026-01-01&to=2026-02-01&serach=1' },
  { name: 'create a webhook with a bad URL', method: 'POST', url: '/webhooks', payload: { url: 'ftp://x', events: ['nope'] } },
  { name: 'list webhooks with a bad limit', method: 'GET', url: '/webhooks?limit=1000' },
  { name: 'read a webhook with a bad id', method: 'GET', url: '/webhooks/bad%20id' },
  { name: 'change a webhook with a bad body', method: 'PATCH', url: '/webhooks/w1', payload: { isActive: 'yes' } },
  { name: 'delete a webhook with an unknown parameter', method: 'DELETE', url: '/webhooks/w1?x=1' },
  { name: 'rotate a webhook secret with a bad id', method: 'POST', url: '/webhooks/bad%20id/rotate-secret' },
  { name: 'list deliveries with a bad status', method: 'GET', url: '/webhooks/w1/deliveries?status=lost' },
  { name: 'retry a delivery with a bad id', method: 'POST', url: '/webhooks/w1/deliveries/bad%20id/retry' },
  // Admin-only parameters of endpoints everyone may call.
  { name: 'list products with a bad admin status', method: 'GET', url: '/products?status=deleted' },
  { name: 'list products by status with a bad limit', method: 'GET', url: '/products?status=all&limit=0' },
  { name: 'list orders with a bad customerId', method: 'GET', url: '/orders?customerId=bad%20id' },
];

describe('admin endpoints decide who may call them before they validate the request', () => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let alice: Headers;

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db);
    const cast = await adminAliceAndBob(t);
    admin = cast.admin;
    alice = cast.alice.auth;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it.each(BAD_ADMIN_REQUESTS)('a customer who tries to $name gets 403, not a validation error', async ({ name: _name, headers, ...request }) => {
    const res = await t.app.inject({ ...request, headers: { ...headers, ...alice } });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'auth.forbidden' });
    expect(res.json()).not.toHaveProperty('errors');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each(BAD_ADMIN_REQUESTS)('without a token, an attempt to $name gets 401 with WWW-Authenticate', async ({ name: _name, headers, ...request }) => {
    const res = await t.app.inject({ ...request, ...(headers ? { headers } : {}) });
    expect(res.statusCode, res.body).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toMatchObject({ code: 'auth.invalid_token' });
  });

  it.each(BAD_ADMIN_REQUESTS)('an admin who tries to $name is told what is wrong (4xx, not 401/403)', async ({ name: _name, headers, ...request }) => {
    const res = await t.app.inject({ ...request, headers: { ...headers, ...admin } });
    expect([400, 404, 415, 422], res.body).toContain(res.statusCode);
  });

  it('every operation the OpenAPI document calls admin-only refuses a customer before it validates (a new route cannot forget)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const adminOnly = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => /\((admin|admins only)\)/.test(operation.summary ?? ''))
        .map(([method, operation]) => ({ method: method.toUpperCase() as 'GET', url: `${path.replace(/\{[^}]+\}/g, 'x')}?not-a-parameter=1`, summary: operation.summary })),
    );
    expect(adminOnly.length).toBeGreaterThanOrEqual(19);
    for (const { method, url, summary } of adminOnly) {
      const res = await t.app.inject({ method, url, headers: alice, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: { unexpected: true } }) });
      expect(res.statusCode, `${method} ${url} (${summary}): ${res.body}`).toBe(403);
    }
  });

  it('the HEAD twins of admin GET routes decide the same way', async () => {
    for (const url of ['/reports/sales?x=1', '/users?role=root', '/webhooks?limit=0', '/products?status=deleted', '/orders?customerId=bad%20id']) {
      expect((await t.app.inject({ method: 'HEAD', url, headers: alice })).statusCode, url).toBe(403);
      expect((await t.app.inject({ method: 'HEAD', url })).statusCode, url).toBe(401);
    }
  });

  it('the public catalog and a customer’s own order list still validate for everyone', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/products?limit=0' });
    expect(anonymous.statusCode).toBe(422);
    const own = await t.app.inject({ method: 'GET', url: '/orders?status=lost', headers: alice });
    expect(own.statusCode).toBe(422);
    expect((await t.app.inject({ method: 'GET', url: '/products?status=all', headers: admin })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/orders?customerId=${'a'.repeat(10)}`, headers: admin })).statusCode).toBe(200);
  });

  it('a customer’s valid request to an admin endpoint is refused before its body is parsed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/products', headers: alice, payload: { sku: 'S-1', name: 'n', price: { amount: '1.00', currency: 'USD' }, stock: 1 } });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/products?q=S-1' })).json().items).toEqual([]);
  });
});
