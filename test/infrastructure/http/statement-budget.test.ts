import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyOn, sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

/*
 * The SQL statement budget: with SQL_STATEMENT_COUNTER=1 every response says how many
 * statements its request executed (`x-sql-statements`, transaction control and the auth
 * lookup included). These budgets turn an N+1 — a query per item, per order, per row —
 * into a failing test.
 *
 * Confirming an order of n lines costs BEGIN, the joined load of the order and its
 * items, one conditional stock decrement per product, the versioned order update, its
 * history row, the outbox row, the stock ledger's rows (one multi-row INSERT, whatever n) and
 * COMMIT: n + 7, plus 1 to authenticate the caller. PostgreSQL also locks the order row first
 * (SELECT … FOR UPDATE), one more.
 */
const CONFIRM_CONSTANT = { sqlite: 8, postgres: 9 } as const;

type Headers = Record<string, string>;

const statementsOf = (res: LightMyRequestResponse): number => {
  const header = res.headers['x-sql-statements'];
  expect(header, `x-sql-statements on ${res.statusCode} ${res.body.slice(0, 200)}`).toMatch(/^\d+$/);
  return Number(header);
};

describe.each(sqlTargets)('SQL statement budget on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let alice: Headers;
  const products: string[] = [];

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db, { SQL_STATEMENT_COUNTER: '1' });
    admin = (await adminAndLogin(t)).auth;
    alice = (await registerAndLogin(t.app, 'alice@example.com')).auth;
    for (let i = 1; i <= 10; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/products',
        headers: admin,
        payload: { sku: `BUDGET-${i}`, name: `Budget product ${i}`, price: { amount: '2.50', currency: 'USD' }, stock: 1_000 },
      });
      expect(res.statusCode, res.body).toBe(201);
      products.push(res.json().id as string);
    }
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const inject = (o: InjectOptions) => t.app.inject(o);

  it('GET /products/{id} is one statement', async () => {
    const res = await inject({ method: 'GET', url: `/products/${products[0]}` });
    expect(res.statusCode).toBe(200);
    expect(statementsOf(res)).toBe(1);
  });

  it('an unknown product is still one statement', async () => {
    const res = await inject({ method: 'GET', url: '/products/01890a5d-ac96-774b-bcce-b302099a8057' });
    expect(res.statusCode).toBe(404);
    expect(statementsOf(res)).toBe(1);
  });

  it('GET /products (a page) is one statement, whatever the page size', async () => {
    for (const limit of [1, 10, 100]) {
      const res = await inject({ method: 'GET', url: `/products?limit=${limit}` });
      expect(res.statusCode).toBe(200);
      expect(statementsOf(res)).toBe(1);
    }
  });

  it('GET /users/me is at most one statement (the auth lookup)', async () => {
    const res = await inject({ method: 'GET', url: '/users/me', headers: alice });
    expect(res.statusCode).toBe(200);
    expect(statementsOf(res)).toBeLessThanOrEqual(1);
  });

  it('a refused token costs no statement at all', async () => {
    const res = await inject({ method: 'GET', url: '/users/me', headers: { authorization: 'Bearer not-a-token' } });
    expect(res.statusCode).toBe(401);
    expect(statementsOf(res)).toBe(0);
  });

  it.each([1, 3, 10])(`confirming an order of %i line(s) costs at most n + ${CONFIRM_CONSTANT[target.name]} statements`, async (n) => {
    const items = products.slice(0, n).map((productId) => ({ productId, quantity: 1 }));
    const created = await inject({ method: 'POST', url: '/orders', headers: alice, payload: { items } });
    expect(created.statusCode, created.body).toBe(201);
    // Opening an order costs the same whatever its size: the products in one statement, the lines in one insert,
    // then its `created` history row and its OrderCreated outbox row.
    expect(statementsOf(created)).toBeLessThanOrEqual(8);

    const confirmed = await inject({ method: 'POST', url: `/orders/${created.json().id}/confirm`, headers: alice });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(statementsOf(confirmed)).toBeLessThanOrEqual(n + CONFIRM_CONSTANT[target.name]);
    // …and within that budget the ledger got one order_confirmed movement per product.
    for (const productId of products.slice(0, n)) {
      const ledger = await inject({ method: 'GET', url: `/products/${productId}/stock-movements?limit=100`, headers: admin });
      expect(ledger.statusCode, ledger.body).toBe(200);
      const mine = (ledger.json().items as { kind: string; orderId: string | null }[]).filter((m) => m.orderId === created.json().id);
      expect(mine).toEqual([expect.objectContaining({ kind: 'order_confirmed', orderId: created.json().id })]);
    }
  });

  /*
   * PostgreSQL: a constant number of statements whatever the number of lines. Confirm: the auth
   * lookup, BEGIN, the order locked and loaded in one statement, every decrement in one
   * set-based statement, the versioned order update with its history row and outbox row in one
   * statement, COMMIT. Create: the auth lookup, BEGIN, the products, the order with its lines,
   * history row and outbox row in one statement, COMMIT.
   */
  onlyOn(target, 'postgres')('confirming (and creating) an order of 1, 3 or 10 lines costs the same number of statements', async () => {
    const costs: { create: number; confirm: number }[] = [];
    for (const n of [1, 3, 10]) {
      const items = products.slice(0, n).map((productId) => ({ productId, quantity: 1 }));
      const created = await inject({ method: 'POST', url: '/orders', headers: alice, payload: { items } });
      expect(created.statusCode, created.body).toBe(201);
      const confirmed = await inject({ method: 'POST', url: `/orders/${created.json().id}/confirm`, headers: alice });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      costs.push({ create: statementsOf(created), confirm: statementsOf(confirmed) });
    }
    expect(costs).toEqual([
      { create: 5, confirm: 6 },
      { create: 5, confirm: 6 },
      { create: 5, confirm: 6 },
    ]);
  });

  it('a page of orders is one statement plus the auth lookup, however many orders and lines it holds', async () => {
    const res = await inject({ method: 'GET', url: '/orders?limit=100', headers: alice });
    expect(res.statusCode).toBe(200);
    expect((res.json().items as unknown[]).length).toBeGreaterThanOrEqual(3);
    expect(statementsOf(res)).toBe(2);
  });
});

describe('the statement counter is off by default', () => {
  it('sends no x-sql-statements header', async () => {
    const target = sqlTargets[0]!;
    const db = await target.create();
    const t = await buildTestApp(db);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/products' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-sql-statements']).toBeUndefined();
    } finally {
      await t.close();
      await db.drop();
    }
  });
});
