import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAliceAndBob, buildTestApp, type TestApp } from '../../support/test-app.js';
import { TestClock } from '../../support/use-case-harness.js';

const PROBLEM = /^application\/problem\+json/;
type Headers = Record<string, string>;

describe.each(sqlTargets)('GET /reports/sales over HTTP on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let alice: Headers;
  // The last millisecond of 1 March: confirmations are placed on either side of midnight.
  const clock = new TestClock(new Date('2026-03-01T23:59:59.999Z'));
  let n = 0;

  const inject = (o: InjectOptions) => t.app.inject(o);
  const product = async (amount: string, currency: string): Promise<string> => {
    const res = await inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: `R-${++n}`, name: `Report ${n}`, price: { amount, currency }, stock: 1000 } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  /** Alice orders `quantity` of a product and confirms; returns the order id. */
  const confirmedOrder = async (productId: string, quantity: number): Promise<string> => {
    const created = await inject({ method: 'POST', url: '/orders', headers: alice, payload: { items: [{ productId, quantity }] } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const confirmed = await inject({ method: 'POST', url: `/orders/${id}/confirm`, headers: alice });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return id;
  };
  const report = (query: string, headers: Headers = admin) => inject({ method: 'GET', url: `/reports/sales?${query}`, headers });
  const expect422Naming = (res: LightMyRequestResponse, parameter: string) => {
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(new RegExp(`^/?${parameter}$`)), message: expect.any(String) })]));
  };

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db, {}, { clock });
    const cast = await adminAliceAndBob(t);
    admin = cast.admin;
    alice = cast.alice.auth;
    const mug = await product('19.99', 'USD');
    const tea = await product('0.10', 'USD');
    const book = await product('12.00', 'EUR');
    await confirmedOrder(mug, 2); // 1 March, 23:59:59.999Z
    clock.advance(1); // 2 March, 00:00:00.000Z
    await confirmedOrder(tea, 3);
    await confirmedOrder(mug, 1);
    const cancelled = await confirmedOrder(mug, 5);
    expect((await inject({ method: 'POST', url: `/orders/${cancelled}/cancel`, headers: alice })).statusCode).toBe(200);
    await confirmedOrder(book, 1);
    // A pending order counts nowhere.
    expect((await inject({ method: 'POST', url: '/orders', headers: alice, payload: { items: [{ productId: mug, quantity: 1 }] } })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('answers an admin one entry per day, zeros included, exact sums, cancelled and other currencies left out', async () => {
    const res = await report('currency=USD&from=2026-02-28&to=2026-03-04');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      currency: 'USD',
      from: '2026-02-28',
      to: '2026-03-04',
      days: [
        { date: '2026-02-28', orders: 0, revenue: { amount: '0.00', currency: 'USD' } },
        { date: '2026-03-01', orders: 1, revenue: { amount: '39.98', currency: 'USD' } },
        { date: '2026-03-02', orders: 2, revenue: { amount: '20.29', currency: 'USD' } },
        { date: '2026-03-03', orders: 0, revenue: { amount: '0.00', currency: 'USD' } },
      ],
    });
    const eur = (await report('currency=EUR&from=2026-03-02&to=2026-03-03')).json();
    expect(eur.days).toEqual([{ date: '2026-03-02', orders: 1, revenue: { amount: '12.00', currency: 'EUR' } }]);
    const jpy = (await report('currency=JPY&from=2026-03-02&to=2026-03-03')).json();
    expect(jpy.days).toEqual([{ date: '2026-03-02', orders: 0, revenue: { amount: '0', currency: 'JPY' } }]);
  });

  it('401 with WWW-Authenticate without a token, 403 for a customer — both problems', async () => {
    const anonymous = await inject({ method: 'GET', url: '/reports/sales?currency=USD&from=2026-03-01&to=2026-03-02' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(anonymous.headers['content-type']).toMatch(PROBLEM);
    const customer = await report('currency=USD&from=2026-03-01&to=2026-03-02', alice);
    expect(customer.statusCode).toBe(403);
    expect(customer.headers['content-type']).toMatch(PROBLEM);
    expect(customer.json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect(customer.body).not.toMatch(/revenue|39\.98/);
  });

  it.each([
    ['currency missing', 'from=2026-03-01&to=2026-03-02', 'currency'],
    ['from missing', 'currency=USD&to=2026-03-02', 'from'],
    ['to missing', 'currency=USD&from=2026-03-01', 'to'],
    ['an unsupported currency', 'currency=XYZ&from=2026-03-01&to=2026-03-02', 'currency'],
    ['a lower-case currency', 'currency=usd&from=2026-03-01&to=2026-03-02', 'currency'],
    ['a malformed from', 'currency=USD&from=01.03.2026&to=2026-03-02', 'from'],
    ['a day that does not exist', 'currency=USD&from=2026-02-29&to=2026-03-02', 'from'],
    ['an empty to', 'currency=USD&from=2026-03-01&to=', 'to'],
    ['to equal to from', 'currency=USD&from=2026-03-01&to=2026-03-01', 'to'],
    ['to before from', 'currency=USD&from=2026-03-02&to=2026-03-01', 'to'],
    ['a range over 366 days', 'currency=USD&from=2025-01-01&to=2026-01-03', 'to'],
    ['an unknown parameter', 'currency=USD&from=2026-03-01&to=2026-03-02&status=confirmed', 'status'],
  ])('422 naming the parameter: %s', async (_label, query, parameter) => {
    expect422Naming(await report(query), parameter);
  });

  it('accepts exactly 366 days (a leap year)', async () => {
    const res = await report('currency=USD&from=2028-01-01&to=2029-01-01');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().days).toHaveLength(366);
  });

  it('a day whose revenue passes 2^53 minor units is still answered exactly (200, never a 5xx)', async () => {
    // Two legal orders of 500 × 100,000,000,000.00 USD: 10^16 cents together, past Number.MAX_SAFE_INTEGER.
    const gold = await product('100000000000.00', 'USD');
    // Last in this file: it adds to 2 March, whose sums the tests above read.
    await confirmedOrder(gold, 500);
    await confirmedOrder(gold, 500);
    const res = await report('currency=USD&from=2026-03-02&to=2026-03-03');
    expect(res.statusCode, res.body).toBe(200);
    // 20.29 USD from beforeAll, plus 10^16 cents.
    expect(res.json().days).toEqual([{ date: '2026-03-02', orders: 4, revenue: { amount: '100000000000020.29', currency: 'USD' } }]);
  });
});
