import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

/** How many generated requests (the issue asks for at least 5,000 in CI). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
// A few generated requests never reach the app (see below): generate a margin so RUNS are sent.
const GENERATED = Math.ceil(RUNS * 1.1);

const ENDPOINTS = [
  ['POST', '/users'],
  ['POST', '/auth/token'],
  ['GET', '/users/me'],
  ['PATCH', '/users/me'],
  ['GET', '/users/:id'],
  ['POST', '/users/:id/deactivate'],
  ['POST', '/products'],
  ['GET', '/products'],
  ['GET', '/products/:id'],
  ['PATCH', '/products/:id'],
  ['POST', '/orders'],
  ['GET', '/orders'],
  ['GET', '/orders/:id'],
  ['POST', '/orders/:id/items'],
  ['PATCH', '/orders/:id/items/:itemId'],
  ['DELETE', '/orders/:id/items/:itemId'],
  ['POST', '/orders/:id/confirm'],
  ['POST', '/orders/:id/cancel'],
  // v1.1: sessions, password reset, the admin's user list.
  ['POST', '/auth/logout'],
  ['POST', '/auth/password-reset'],
  ['POST', '/auth/password-reset/confirm'],
  ['POST', '/users/me/password'],
  ['GET', '/users'],
  ['POST', '/users/:id/reactivate'],
] as const;

/**
 * Generated, schema-breaking requests against every endpoint: never a 5xx, every
 * error a problem+json, and a refused request changes nothing.
 */
describe('fuzzing every endpoint', () => {
  let db: TestDatabase;
  let t: TestApp;
  let ids: { product: string; order: string; item: string; user: string };
  let auths: Record<string, string>[];

  const snapshot = async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select (select count(*) from users) as users, (select count(*) from users where is_active = 1) as active,
             (select count(*) from users where role = 'admin') as admins, (select group_concat(email) from users) as emails,
             (select count(*) from products) as products, (select total(stock) from products) as stock,
             (select group_concat(name || price_minor || currency) from products) as catalog,
             (select count(*) from orders) as orders, (select total(version) from orders) as versions,
             (select count(*) from order_items) as items, (select total(quantity) from order_items) as quantities`.execute(t.services.database.db);
    return JSON.stringify(rows[0]);
  };

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db);
    const admin = (await adminAndLogin(t)).auth;
    const alice = await registerAndLogin(t.app, 'alice@example.com');
    const product = (await t.app.inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: 'FUZZ-1', name: 'Fuzz', price: { amount: '1.00', currency: 'USD' }, stock: 1_000_000 } })).json();
    const order = (await t.app.inject({ method: 'POST', url: '/orders', headers: alice.auth, payload: { items: [{ productId: product.id, quantity: 1 }] } })).json();
    ids = { product: product.id, order: order.id, item: order.items[0].id, user: alice.user.id };
    auths = [{}, alice.auth, admin, { authorization: 'Bearer garbage' }, { authorization: 'Basic YTpi' }];
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const json = fc.jsonValue({ maxDepth: 3 });
  const weirdString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', ' ', '-1', '1e309', 'null', '../etc/passwd', "' OR 1=1 --", '%00', 'NaN'));
  const money = fc.record({ amount: fc.oneof(weirdString, fc.double(), fc.integer(), fc.constant('10.999')), currency: fc.oneof(weirdString, fc.constantFrom('USD', 'usd', 'XXX', 'JPY')) });
  // Near-valid bodies with one part broken find more edges than random JSON alone.
  const body = fc.oneof(
    json,
    fc.record({ email: fc.oneof(weirdString, json), password: fc.oneof(weirdString, json) }, { requiredKeys: [] }),
    fc.record({ sku: fc.oneof(weirdString, json), name: fc.oneof(weirdString, json), price: fc.oneof(money, json), stock: fc.oneof(fc.integer(), fc.double(), weirdString) }, { requiredKeys: [] }),
    fc.record({ items: fc.oneof(json, fc.array(fc.record({ productId: fc.oneof(weirdString, fc.constant('PRODUCT')), quantity: fc.oneof(fc.integer(), fc.double(), weirdString, json) }, { requiredKeys: [] }), { maxLength: 4 })) }, { requiredKeys: [] }),
    fc.record({ refreshToken: fc.oneof(weirdString, json), grant_type: fc.oneof(weirdString, fc.constant('refresh_token')), refresh_token: weirdString, username: weirdString }, { requiredKeys: [] }),
    fc.record({ token: fc.oneof(weirdString, json), newPassword: fc.oneof(weirdString, json), currentPassword: fc.oneof(weirdString, json) }, { requiredKeys: [] }),
    fc.record({ productId: fc.oneof(weirdString, fc.constant('PRODUCT')), quantity: fc.oneof(fc.integer({ min: -5, max: 20_000 }), fc.double(), weirdString) }, { requiredKeys: [] }),
  );
  const segment = fc.oneof(fc.constant('REAL'), weirdString.map((s) => encodeURIComponent(s) || 'x'));
  const request = fc.record({
    endpoint: fc.constantFrom(...ENDPOINTS),
    id: segment,
    itemId: segment,
    // Mostly authenticated callers, so the checks behind authentication get exercised.
    auth: fc.constantFrom(0, 1, 1, 1, 2, 2, 3, 4),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', undefined),
    raw: fc.boolean(),
    body,
    query: fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'x', 'q', 'role', 'isActive'), weirdString, { maxKeys: 3 }),
    ifMatch: fc.option(fc.oneof(weirdString, fc.constantFrom('"1"', 'W/"2"', '*')), { nil: undefined }),
    idemKey: fc.option(weirdString, { nil: undefined }),
  });

  it(`${RUNS} generated requests: no 5xx, problems for errors, no change from a refusal`, async () => {
    let count = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const [method, template] = r.endpoint as (typeof ENDPOINTS)[number];
        const url =
          template.replace(':id', r.id === 'REAL' ? (template.startsWith('/users') ? ids.user : template.startsWith('/products') ? ids.product : ids.order) : r.id)
            .replace(':itemId', r.itemId === 'REAL' ? ids.item : r.itemId) +
          (Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : '');
        // Never deactivate the fuzzing user itself: that would turn every later request into a 401.
        if (template.endsWith('/deactivate') && url.includes(ids.user)) return;
        const payload = JSON.stringify(r.body).replaceAll('"PRODUCT"', JSON.stringify(ids.product));
        const headers: Record<string, string> = { ...auths[r.auth] };
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.ifMatch !== undefined) headers['if-match'] = r.ifMatch;
        if (r.idemKey !== undefined) headers['idempotency-key'] = r.idemKey;
        const hasBody = method !== 'GET' && method !== 'DELETE';
        const options: InjectOptions = { method, url, headers, ...(hasBody ? { payload: r.raw ? payload.slice(0, Math.max(1, payload.length - 1)) : payload } : {}) };

        const before = await snapshot();
        let res;
        try {
          res = await t.app.inject(options);
        } catch {
          return; // light-my-request itself refused the request (e.g. an invalid header value): it never reached the app
        }
        count += 1;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${method} ${url} ${payload.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          const problem = res.json();
          expect(problem).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.statusCode, detail: expect.any(String) });
          if (res.statusCode === 422) expect(problem.errors.length).toBeGreaterThan(0);
          expect(await snapshot(), `${method} ${url} changed state but answered ${res.statusCode}`).toBe(before);
        }
      }),
      { numRuns: GENERATED, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
    console.log(`fuzz: ${count} requests sent; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(count).toBeGreaterThanOrEqual(RUNS);
  }, 300_000);
});
