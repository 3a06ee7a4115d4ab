import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyOn, sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;

/** Concurrency as clients see it: many requests in flight at once (Promise.all over inject). */
describe.each(sqlTargets)('order races on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let n = 0;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
    admin = (await adminAndLogin(t)).auth;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const product = async (stock: number): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/products',
      headers: admin,
      payload: { sku: `RACE-${++n}`, name: `Race ${n}`, price: { amount: '9.99', currency: 'USD' }, stock },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const stockOf = async (id: string) => (await t.app.inject({ method: 'GET', url: `/products/${id}` })).json().stock as number;
  const customers = (count: number, prefix: string) =>
    Promise.all(Array.from({ length: count }, (_, i) => registerAndLogin(t.app, `${prefix.replace(/\W/g, '-')}${i}-${++n}@example.com`).then((c) => c.auth)));
  const pendingOrder = async (app: FastifyInstance, auth: Headers, productId: string, quantity = 1): Promise<string> => {
    const res = await app.inject({ method: 'POST', url: '/orders', headers: auth, payload: { items: [{ productId, quantity }] } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  /** Every customer confirms an order of one unit at once; `apps` take turns serving the requests. */
  const confirmRace = async (apps: FastifyInstance[], label: string) => {
    const stock = 5;
    const attempts = 24;
    const productId = await product(stock);
    const buyers = await customers(attempts, label);
    const orders = await Promise.all(buyers.map((auth, i) => pendingOrder(apps[i % apps.length]!, auth, productId)));
    const responses = await Promise.all(
      orders.map((orderId, i) => apps[i % apps.length]!.inject({ method: 'POST', url: `/orders/${orderId}/confirm`, headers: buyers[i]! })),
    );
    const confirmed = responses.filter((r) => r.statusCode === 200).length;
    const short = responses.filter((r) => r.statusCode === 409 && r.json().code === 'stock.insufficient');
    const finalStock = await stockOf(productId);
    console.log(
      `[${target.name}] ${label}: ${attempts} confirmations for ${stock} units on ${apps.length} app instance(s) → ${confirmed} confirmed, ${short.length} insufficient stock, final stock ${finalStock}`,
    );
    expect(confirmed).toBe(stock);
    expect(short).toHaveLength(attempts - stock);
    expect(short[0]?.json().productIds).toEqual([productId]);
    expect(finalStock).toBe(0);
    // What the orders say agrees with the stock: exactly `stock` units are held by confirmed orders.
    const states = await Promise.all(
      orders.map(async (orderId, i) => (await t.app.inject({ method: 'GET', url: `/orders/${orderId}`, headers: buyers[i]! })).json().status as string),
    );
    expect(states.filter((s) => s === 'confirmed')).toHaveLength(stock);
  };

  it('24 customers racing to confirm orders for the last 5 units: exactly 5 win, stock ends at 0, never below', async () => {
    await confirmRace([t.app], 'confirm race');
  });

  onlyOn(target, 'postgres')('the same race across two app instances sharing one database', async () => {
    const second = await buildTestApp(db);
    try {
      await confirmRace([t.app, second.app], 'two-instance confirm race');
    } finally {
      await second.close();
    }
  });

  it('confirmations racing stock adjustments on the same products: no 5xx, stock never below 0, the ledger sums to the stock', async () => {
    const products = [await product(5), await product(5), await product(5)];
    const buyers = await customers(4, 'adjust-race');
    const orders: Array<{ id: string; auth: Headers }> = [];
    for (let i = 0; i < 18; i++) {
      const items = [{ productId: products[i % 3]!, quantity: 1 + (i % 2) }, { productId: products[(i + 1) % 3]!, quantity: 1 }];
      const res = await t.app.inject({ method: 'POST', url: '/orders', headers: buyers[i % 4]!, payload: { items } });
      expect(res.statusCode, res.body).toBe(201);
      orders.push({ id: res.json().id as string, auth: buyers[i % 4]! });
    }
    const responses = await Promise.all([
      ...orders.map((o) => t.app.inject({ method: 'POST', url: `/orders/${o.id}/confirm`, headers: o.auth })),
      ...products.flatMap((p) =>
        [2, -3, 2, -3, 1, -1].map((delta) => t.app.inject({ method: 'POST', url: `/products/${p}/stock-adjustments`, headers: admin, payload: { delta, reason: 'race' } })),
      ),
    ]);
    expect(responses.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    for (const p of products) {
      const stock = await stockOf(p);
      const movements = await t.app.inject({ method: 'GET', url: `/products/${p}/stock-movements?limit=100`, headers: admin });
      expect(stock).toBeGreaterThanOrEqual(0);
      expect((movements.json().items as Array<{ delta: number }>).reduce((sum, m) => sum + m.delta, 0)).toBe(stock);
    }
  });

  it('a stock adjustment refused while others raise the stock is 409 stock.insufficient, never a 422 "too large"', async () => {
    const results: number[] = [];
    for (let round = 0; round < 6; round++) {
      const productId = await product(1);
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.app.inject({ method: 'POST', url: `/products/${productId}/stock-adjustments`, headers: admin, payload: { delta: i % 2 ? 3 : -3, reason: 'race' } }),
        ),
      );
      results.push(...responses.map((r) => r.statusCode));
      for (const r of responses.filter((x) => x.statusCode !== 200)) expect(r.json()).toMatchObject({ code: 'stock.insufficient', productIds: [productId] });
    }
    expect(results.every((s) => s === 200 || s === 409)).toBe(true);
  });

  it('a double-clicked confirm (10 at once on one order) confirms it once and takes its stock once', async () => {
    const productId = await product(10);
    const [auth] = await customers(1, 'double');
    const orderId = await pendingOrder(t.app, auth!, productId, 3);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.app.inject({ method: 'POST', url: `/orders/${orderId}/confirm`, headers: auth! })),
    );
    const codes = responses.filter((r) => r.statusCode !== 200).map((r) => r.json().code as string);
    console.log(`[${target.name}] double confirm: 10 attempts → ${10 - codes.length} confirmed, refusals: ${[...new Set(codes)].join(', ')}; final stock ${await stockOf(productId)}`);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    expect(await stockOf(productId)).toBe(7);
  });

  it('20 parallel add-item requests on one order lose no quantity (clients retry on a 409 conflict)', async () => {
    const productId = await product(100);
    const [auth] = await customers(1, 'adder');
    const created = await t.app.inject({ method: 'POST', url: '/orders', headers: auth!, payload: {} });
    const orderId = created.json().id as string;
    const workers = 20;
    let attempts = 0;
    let firstTry = 0;
    const add = async (): Promise<number> => {
      for (let attempt = 1; attempt <= 30; attempt++) {
        attempts += 1;
        const res = await t.app.inject({ method: 'POST', url: `/orders/${orderId}/items`, headers: auth!, payload: { productId, quantity: 1 } });
        if (res.statusCode === 200) {
          if (attempt === 1) firstTry += 1;
          return 200;
        }
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().code).toBe('order.concurrent_update');
      }
      return 409;
    };
    const results = await Promise.all(Array.from({ length: workers }, add));
    const successes = results.filter((s) => s === 200).length;
    const order = (await t.app.inject({ method: 'GET', url: `/orders/${orderId}`, headers: auth! })).json();
    console.log(
      `[${target.name}] add-item race: ${workers} clients, ${attempts} requests, ${firstTry} succeeded first time, ${successes} succeeded in the end; final quantity ${order.items[0]?.quantity}, version ${order.version}`,
    );
    expect(successes).toBe(workers);
    expect(order.items).toHaveLength(1);
    expect(order.items[0].quantity).toBe(successes);
    expect(order.version).toBe(1 + successes);
  });

  /** Follows nextCursor to the end, running `between` after each page; returns every id seen, in order. */
  const pageThrough = async (url: string, headers: Headers, between: () => Promise<void>): Promise<string[]> => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.app.inject({ method: 'GET', url: cursor === null ? url : `${url}&cursor=${cursor}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      await between();
    } while (cursor !== null);
    return seen;
  };

  it('paging through products while new ones are added: no duplicates, no gaps', async () => {
    for (let i = 0; i < 30; i++) await product(1);
    const before = await pageThrough('/products?limit=100', {}, async () => undefined);
    let added = 0;
    const seen = await pageThrough('/products?limit=7', {}, async () => {
      if (added < 15) {
        await Promise.all([product(1), product(1), product(1)]);
        added += 3;
      }
    });
    const after = await pageThrough('/products?limit=100', {}, async () => undefined);
    console.log(`[${target.name}] product paging: ${before.length} products at the start, ${added} added while paging, ${seen.length} seen once each`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(after);
    expect(after.length).toBe(before.length + added);
  });

  it('paging through everyone’s orders (admin) while customers place new ones: no duplicates, no gaps', async () => {
    const productId = await product(1000);
    const buyers = await customers(3, 'pager');
    for (let i = 0; i < 25; i++) await pendingOrder(t.app, buyers[i % 3]!, productId);
    const before = await pageThrough('/orders?limit=100', admin, async () => undefined);
    let added = 0;
    const seen = await pageThrough('/orders?limit=6', admin, async () => {
      if (added < 12) {
        await Promise.all(buyers.map((auth) => pendingOrder(t.app, auth, productId)));
        added += buyers.length;
      }
    });
    const after = await pageThrough('/orders?limit=100', admin, async () => undefined);
    console.log(`[${target.name}] order paging: ${before.length} orders at the start, ${added} added while paging, ${seen.length} seen once each`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(after);
    expect(after.length).toBe(before.length + added);
  });
});
