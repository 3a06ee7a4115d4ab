import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAliceAndBob, buildTestApp, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;

describe.each(sqlTargets)('Idempotency-Key on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let alice: Headers;
  let bob: Headers;
  let productId: string;
  let n = 0;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
    const users = await adminAliceAndBob(t);
    ({ admin } = users);
    alice = users.alice.auth;
    bob = users.bob.auth;
    const p = await t.app.inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: 'IDEM-1', name: 'Idem', price: { amount: '2.50', currency: 'USD' }, stock: 1000 } });
    productId = p.json().id;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const inject = (o: InjectOptions) => t.app.inject(o);
  const key = () => `key-${++n}-${Date.now()}`;
  const create = (auth: Headers, k: string, quantity = 1) =>
    inject({ method: 'POST', url: '/orders', headers: { ...auth, 'idempotency-key': k }, payload: { items: [{ productId, quantity }] } });
  const countOrders = async (auth: Headers) => (await inject({ method: 'GET', url: '/orders?limit=100', headers: auth })).json().items.length as number;
  const stock = async () => (await inject({ method: 'GET', url: `/products/${productId}` })).json().stock as number;

  it('a retried POST /orders returns the first response and creates one order', async () => {
    const before = await countOrders(bob);
    const k = key();
    const first = await create(bob, k);
    const again = await create(bob, k);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await countOrders(bob)).toBe(before + 1);
  });

  it('the same key with a different body → 422 naming the header; nothing created', async () => {
    const k = key();
    await create(bob, k, 1);
    const before = await countOrders(bob);
    const other = await create(bob, k, 2);
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].path).toMatch(/idempotency-key/i);
    expect(await countOrders(bob)).toBe(before);
  });

  it('keys are scoped per user', async () => {
    const k = key();
    const a = await create(alice, k);
    const b = await create(bob, k);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(a.json().id).not.toBe(b.json().id);
  });

  it('parallel retries with one key create exactly one order; the others replay it or get 409 in flight', async () => {
    const before = await countOrders(alice);
    const k = key();
    const results = await Promise.all(Array.from({ length: 12 }, () => create(alice, k)));
    const created = results.filter((r) => r.statusCode === 201);
    const inFlight = results.filter((r) => r.statusCode === 409);
    console.log(`idempotency (${target.name}): 12 parallel retries → ${created.length}×201, ${inFlight.length}×409 in flight`);
    expect(created.length + inFlight.length).toBe(12);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.json().id)).size).toBe(1);
    for (const r of inFlight) expect(r.json().code).toBe('idempotency.in_flight');
    expect(await countOrders(alice)).toBe(before + 1);
  });

  it('a retried confirm reserves stock once and returns the first response', async () => {
    const order = (await create(alice, key(), 3)).json();
    const before = await stock();
    const k = key();
    const confirm = () => inject({ method: 'POST', url: `/orders/${order.id}/confirm`, headers: { ...alice, 'idempotency-key': k } });
    const first = await confirm();
    const again = await confirm();
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await stock()).toBe(before - 3);
    // Without the key, a second confirm is refused: the key is what makes the retry safe.
    expect((await inject({ method: 'POST', url: `/orders/${order.id}/confirm`, headers: alice })).statusCode).toBe(409);
  });

  it('a key longer than 255 characters → 422', async () => {
    const res = await create(alice, 'k'.repeat(256));
    expect(res.statusCode).toBe(422);
  });

  it('holds across app instances (stored in the database, not in process memory)', async () => {
    const k = key();
    const first = await create(alice, k);
    const second = await buildTestApp(db);
    try {
      const replay = await second.app.inject({ method: 'POST', url: '/orders', headers: { ...alice, 'idempotency-key': k }, payload: { items: [{ productId, quantity: 1 }] } });
      expect(replay.statusCode).toBe(201);
      expect(replay.json().id).toBe(first.json().id);
    } finally {
      await second.app.close();
      await second.services.close();
    }
  });
});
