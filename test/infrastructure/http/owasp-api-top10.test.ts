import type { InjectOptions } from 'fastify';
import { SignJWT } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAliceAndBob, buildTestApp, TEST_JWT_SECRET, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1; SELECT pg_sleep(5)--",
  "') UNION SELECT password_hash FROM users --",
  '\\x00\u0000nul',
  "admin'--",
];

/** OWASP API Security Top 10 (2023): each attack refused, and the data left as it was. */
describe.each(sqlTargets)('OWASP API Top 10 on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let alice: { id: string; auth: Headers };
  let bob: { id: string; auth: Headers };
  let productId: string;
  let aliceOrder: { id: string; version: number };

  const inject = (o: InjectOptions) => t.app.inject(o);
  /** Everything an attack could change, in one comparable value. */
  const snapshot = async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select (select count(*) from users) as users,
             (select count(*) from users where role = 'admin') as admins,
             (select count(*) from users where is_active = ${1}) as active,
             (select count(*) from products) as products,
             (select coalesce(sum(stock), 0) from products) as stock,
             (select count(*) from orders) as orders,
             (select coalesce(sum(version), 0) from orders) as versions,
             (select count(*) from order_items) as items`.execute(t.services.database.db);
    return JSON.stringify(rows[0], (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));
  };

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
    ({ admin, alice, bob } = await adminAliceAndBob(t));
    productId = (await inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: 'OWASP-1', name: 'Target', price: { amount: '5.00', currency: 'USD' }, stock: 50 } })).json().id;
    const order = await inject({ method: 'POST', url: '/orders', headers: alice.auth, payload: { items: [{ productId, quantity: 2 }] } });
    aliceOrder = order.json();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('API1 BOLA: another customer cannot read or change my order or my account (404, nothing changes)', async () => {
    const before = await snapshot();
    const attempts: InjectOptions[] = [
      { method: 'GET', url: `/orders/${aliceOrder.id}` },
      { method: 'POST', url: `/orders/${aliceOrder.id}/items`, payload: { productId, quantity: 1 } },
      { method: 'POST', url: `/orders/${aliceOrder.id}/confirm` },
      { method: 'POST', url: `/orders/${aliceOrder.id}/cancel` },
      { method: 'GET', url: `/users/${alice.id}` },
      { method: 'POST', url: `/users/${alice.id}/deactivate` },
    ];
    for (const attempt of attempts) {
      const res = await inject({ ...attempt, headers: bob.auth });
      expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
    }
    const bobsList = (await inject({ method: 'GET', url: '/orders', headers: bob.auth })).json();
    expect(bobsList.items.map((o: { id: string }) => o.id)).not.toContain(aliceOrder.id);
    expect(await snapshot()).toBe(before);
  });

  it('API5 BFLA: a customer cannot use admin functions (403), anonymous gets 401', async () => {
    const before = await snapshot();
    const create = { method: 'POST' as const, url: '/products', payload: { sku: 'HACK-1', name: 'Hack', price: { amount: '0.01', currency: 'USD' }, stock: 1 } };
    const patch = { method: 'PATCH' as const, url: `/products/${productId}`, payload: { stock: 1_000_000, price: { amount: '0.01', currency: 'USD' } } };
    expect((await inject({ ...create, headers: alice.auth })).statusCode).toBe(403);
    expect((await inject({ ...patch, headers: alice.auth })).statusCode).toBe(403);
    expect((await inject(create)).statusCode).toBe(401);
    expect((await inject(patch)).statusCode).toBe(401);
    expect(await snapshot()).toBe(before);
  });

  it('API3 mass assignment: role, isActive, status, unitPrice, customerId, version are never honoured', async () => {
    const reg = await inject({ method: 'POST', url: '/users', payload: { email: 'mallory@example.com', password: 'mallory password', role: 'admin', isActive: true, id: 'chosen' } });
    expect(reg.json()).toMatchObject({ role: 'customer' });
    expect(reg.json().id).not.toBe('chosen');
    const mallory = (await inject({ method: 'POST', url: '/auth/token', payload: { email: 'mallory@example.com', password: 'mallory password' } })).json();
    const auth = { authorization: `Bearer ${mallory.access_token as string}` };
    await inject({ method: 'PATCH', url: '/users/me', headers: auth, payload: { email: 'mallory2@example.com', role: 'admin', isActive: false } });
    expect((await inject({ method: 'GET', url: '/users/me', headers: auth })).json()).toMatchObject({ role: 'customer', isActive: true });

    const order = await inject({
      method: 'POST',
      url: '/orders',
      headers: auth,
      payload: { status: 'confirmed', customerId: alice.id, version: 99, total: { amount: '0.00', currency: 'USD' }, items: [{ productId, quantity: 1, unitPrice: { amount: '0.01', currency: 'USD' } }] },
    });
    expect(order.statusCode).toBe(201);
    expect(order.json()).toMatchObject({ status: 'pending', version: 1, total: { amount: '5.00', currency: 'USD' } });
    expect(order.json().customerId).not.toBe(alice.id);
    expect(order.json().items[0].unitPrice).toEqual({ amount: '5.00', currency: 'USD' });
  });

  it('API2 broken authentication: alg none, a foreign secret, expired, wrong audience — all 401', async () => {
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: alice.id, iss: 'orders-service', aud: 'orders-api', iat: now, exp: now + 600 };
    const tokens = {
      none: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      foreign: await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('another-secret-another-secret-another-secret')),
      expired: await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 }).setProtectedHeader({ alg: 'HS256' }).sign(key),
      audience: await new SignJWT({ ...claims, aud: 'someone-else' }).setProtectedHeader({ alg: 'HS256' }).sign(key),
      hs512: await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).sign(new Uint8Array(64).fill(1)),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await inject({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, name).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    // The genuine article still works, so the refusals above are about the token.
    const genuine = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);
    expect((await inject({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${genuine}` } })).statusCode).toBe(200);
  });

  it('API8 injection: SQL strings in every string field are plain data — no 5xx, nothing changes', async () => {
    const before = await snapshot();
    for (const evil of INJECTIONS) {
      const attempts: InjectOptions[] = [
        { method: 'POST', url: '/auth/token', payload: { email: evil, password: evil } },
        { method: 'POST', url: '/auth/token', payload: { email: `x${evil}@example.com`, password: evil } },
        { method: 'GET', url: `/products/${encodeURIComponent(evil)}` },
        { method: 'GET', url: `/products?cursor=${encodeURIComponent(evil)}` },
        { method: 'GET', url: `/orders?status=${encodeURIComponent(evil)}`, headers: alice.auth },
        { method: 'GET', url: `/orders/${encodeURIComponent(evil)}`, headers: alice.auth },
        { method: 'GET', url: `/users/${encodeURIComponent(evil)}`, headers: admin },
        { method: 'POST', url: '/orders', headers: alice.auth, payload: { items: [{ productId: evil, quantity: 1 }] } },
        { method: 'POST', url: `/orders/${aliceOrder.id}/items`, headers: alice.auth, payload: { productId: evil, quantity: 1 } },
        { method: 'PATCH', url: `/orders/${aliceOrder.id}/items/${encodeURIComponent(evil)}`, headers: alice.auth, payload: { quantity: 1 } },
        { method: 'POST', url: '/products', headers: admin, payload: { sku: evil, name: evil, price: { amount: evil, currency: evil }, stock: 1 } },
        { method: 'PATCH', url: `/products/${productId}`, headers: admin, payload: { name: evil, price: { amount: '5.00', currency: evil } } },
        { method: 'PATCH', url: '/users/me', headers: bob.auth, payload: { email: evil } },
        { method: 'POST', url: '/users', payload: { email: evil, password: evil } },
        { method: 'POST', url: `/orders/${aliceOrder.id}/confirm`, headers: { ...bob.auth, 'idempotency-key': evil, 'if-match': evil } },
      ];
      for (const attempt of attempts) {
        const res = await inject(attempt);
        expect(res.statusCode, `${attempt.method} ${attempt.url} ${JSON.stringify(attempt.payload)}`).toBeLessThan(500);
        // Input may be echoed back as data; what must never appear is the machinery behind it.
        if (res.statusCode >= 400) expect(res.body).not.toMatch(/SQLITE_|better-sqlite|kysely|node_modules|syntax error at|relation "|\.ts:\d/i);
      }
    }
    // A product renamed to an injection string is just a product with an odd name.
    const renamed = await inject({ method: 'GET', url: `/products/${productId}` });
    expect(renamed.statusCode).toBe(200);
    // The only accepted writes above are that rename (a valid name) — counts are unchanged.
    expect(await snapshot()).toBe(before);
    expect((await inject({ method: 'POST', url: '/auth/token', payload: { email: 'alice@example.com', password: 'correct horse battery' } })).statusCode).toBe(200);
  });

  it('API4 resource consumption: oversized bodies 413, deep nesting 400, page size capped', async () => {
    const before = await snapshot();
    const big = await inject({ method: 'POST', url: '/orders', headers: alice.auth, payload: { items: [], pad: 'x'.repeat(2 * 1024 * 1024) } });
    expect(big.statusCode).toBe(413);
    const deep = await inject({ method: 'POST', url: '/orders', headers: { ...alice.auth, 'content-type': 'application/json' }, payload: `{"items":${'['.repeat(10_000)}${']'.repeat(10_000)}}` });
    expect(deep.statusCode).toBe(400);
    expect((await inject({ method: 'GET', url: '/products?limit=101' })).statusCode).toBe(422);
    expect((await inject({ method: 'GET', url: '/products?limit=100' })).statusCode).toBe(200);
    expect(await snapshot()).toBe(before);
  });
});
