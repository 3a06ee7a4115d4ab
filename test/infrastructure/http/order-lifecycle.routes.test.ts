import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;
type Headers = Record<string, string>;

/** Ship, deliver, cancel after shipping, history and the admin filters: every v1.1 "Orders" row of the contract. */
describe.each(sqlTargets)('order lifecycle over HTTP on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: { id: string; auth: Headers };
  let alice: { id: string; auth: Headers };
  let bob: { id: string; auth: Headers };
  let n = 0;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
    const a = await adminAndLogin(t);
    admin = { id: a.user.id, auth: a.auth };
    const al = await registerAndLogin(t.app, 'alice@example.com');
    const bo = await registerAndLogin(t.app, 'bob@example.com');
    alice = { id: al.user.id, auth: al.auth };
    bob = { id: bo.user.id, auth: bo.auth };
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const inject = (o: InjectOptions) => t.app.inject(o);
  const post = (url: string, auth: Headers, payload?: unknown, headers: Headers = {}) =>
    inject({ method: 'POST', url, headers: { ...auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const get = (url: string, auth: Headers) => inject({ method: 'GET', url, headers: auth });
  const expectProblem = (res: LightMyRequestResponse, status: number, code?: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    if (code) expect(res.json().code).toBe(code);
  };
  const expect422Naming = (res: LightMyRequestResponse, field: string) => {
    expectProblem(res, 422);
    expect((res.json().errors as { path: string }[]).map((e) => e.path.replace(/^\//, ''))).toContain(field);
  };
  const product = async (): Promise<string> => {
    const res = await post('/products', admin.auth, { sku: `LC-${++n}`, name: `Lifecycle ${n}`, price: { amount: '5.00', currency: 'USD' }, stock: 1000 });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  /** A confirmed order of `owner` with one line; returns its id. */
  const confirmedOrder = async (owner = alice): Promise<string> => {
    const created = await post('/orders', owner.auth, { items: [{ productId: await product(), quantity: 2 }] });
    expect(created.statusCode, created.body).toBe(201);
    const confirmed = await post(`/orders/${created.json().id}/confirm`, owner.auth);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return created.json().id as string;
  };

  describe('POST /orders/{id}/ship and /deliver', () => {
    it('an admin ships a confirmed order (200, shipment, allowedActions, ETag), then delivers it', async () => {
      const id = await confirmedOrder();
      const shipped = await post(`/orders/${id}/ship`, admin.auth, { carrier: 'DHL', trackingNumber: 'JD014600006281230704' });
      expect(shipped.statusCode, shipped.body).toBe(200);
      expect(shipped.headers.etag).toBe('"3"');
      expect(shipped.json()).toMatchObject({
        id,
        status: 'shipped',
        version: 3,
        allowedActions: ['deliver'],
        shipment: { carrier: 'DHL', trackingNumber: 'JD014600006281230704', shippedAt: expect.any(String), deliveredAt: null },
      });
      // The owner sees the same order with nothing to do.
      const own = await get(`/orders/${id}`, alice.auth);
      expect(own.json()).toMatchObject({ status: 'shipped', allowedActions: [], shipment: shipped.json().shipment });

      const delivered = await post(`/orders/${id}/deliver`, admin.auth);
      expect(delivered.statusCode, delivered.body).toBe(200);
      expect(delivered.json()).toMatchObject({ status: 'delivered', version: 4, allowedActions: [] });
      expect(delivered.json().shipment.deliveredAt).toEqual(expect.any(String));
      expect(delivered.json().shipment.shippedAt).toBe(shipped.json().shipment.shippedAt);
    });

    it('ships with no body, or {}: carrier and tracking number null', async () => {
      const bare = await post(`/orders/${await confirmedOrder()}/ship`, admin.auth);
      expect(bare.statusCode, bare.body).toBe(200);
      expect(bare.json().shipment).toMatchObject({ carrier: null, trackingNumber: null });
      const empty = await post(`/orders/${await confirmedOrder()}/ship`, admin.auth, {});
      expect(empty.statusCode, empty.body).toBe(200);
    });

    it('a pending order is not shipped (409 order.not_confirmed), a confirmed one not delivered (409 order.not_shipped)', async () => {
      const created = await post('/orders', alice.auth, { items: [{ productId: await product(), quantity: 1 }] });
      expectProblem(await post(`/orders/${created.json().id}/ship`, admin.auth, {}), 409, 'order.not_confirmed');
      const id = await confirmedOrder();
      expectProblem(await post(`/orders/${id}/deliver`, admin.auth), 409, 'order.not_shipped');
      expect((await post(`/orders/${id}/ship`, admin.auth, {})).statusCode).toBe(200);
      expectProblem(await post(`/orders/${id}/ship`, admin.auth, {}), 409, 'order.not_confirmed');
      expect((await post(`/orders/${id}/deliver`, admin.auth)).statusCode).toBe(200);
      expectProblem(await post(`/orders/${id}/deliver`, admin.auth), 409, 'order.not_shipped');
    });

    it('404 for an unknown order; 403 for a customer, even the owner; 401 anonymous', async () => {
      const missing = '00000000-0000-7000-8000-000000000000';
      expectProblem(await post(`/orders/${missing}/ship`, admin.auth, {}), 404);
      expectProblem(await post(`/orders/${missing}/deliver`, admin.auth), 404);
      const id = await confirmedOrder();
      expectProblem(await post(`/orders/${id}/ship`, alice.auth, {}), 403);
      expectProblem(await post(`/orders/${id}/ship`, bob.auth, {}), 403);
      expectProblem(await post(`/orders/${id}/deliver`, alice.auth), 403);
      expectProblem(await post(`/orders/${id}/ship`, {}, {}), 401);
    });

    it('422 for an over-long, empty, NUL-holding or mistyped carrier or tracking number, or a body that is not an object; nothing ships', async () => {
      const id = await confirmedOrder();
      expect422Naming(await post(`/orders/${id}/ship`, admin.auth, { carrier: 'x'.repeat(101) }), 'carrier');
      expect422Naming(await post(`/orders/${id}/ship`, admin.auth, { trackingNumber: 'x'.repeat(201) }), 'trackingNumber');
      expect422Naming(await post(`/orders/${id}/ship`, admin.auth, { carrier: '' }), 'carrier');
      expect422Naming(await post(`/orders/${id}/ship`, admin.auth, { trackingNumber: 'a\u0000b' }), 'trackingNumber');
      expect422Naming(await post(`/orders/${id}/ship`, admin.auth, { carrier: 42 }), 'carrier');
      expectProblem(await post(`/orders/${id}/ship`, admin.auth, []), 422);
      expect((await get(`/orders/${id}`, admin.auth)).json().status).toBe('confirmed');
      const ok = await post(`/orders/${id}/ship`, admin.auth, { carrier: 'x'.repeat(100), trackingNumber: 'Ω'.repeat(200) });
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it('If-Match: a stale version → 412; the current one ships', async () => {
      const id = await confirmedOrder();
      expectProblem(await post(`/orders/${id}/ship`, admin.auth, {}, { 'if-match': '"1"' }), 412);
      expect((await post(`/orders/${id}/ship`, admin.auth, {}, { 'if-match': '"2"' })).statusCode).toBe(200);
      expectProblem(await post(`/orders/${id}/deliver`, admin.auth, undefined, { 'if-match': '"2"' }), 412);
      expect((await post(`/orders/${id}/deliver`, admin.auth, undefined, { 'if-match': '"3"' })).statusCode).toBe(200);
    });

    it('Idempotency-Key: a retry returns the first answer and ships once; another body with the key → 422', async () => {
      const id = await confirmedOrder();
      const key = { 'idempotency-key': `ship-${id}` };
      const first = await post(`/orders/${id}/ship`, admin.auth, { carrier: 'DHL' }, key);
      const again = await post(`/orders/${id}/ship`, admin.auth, { carrier: 'DHL' }, key);
      expect(first.statusCode).toBe(200);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(first.json());
      expectProblem(await post(`/orders/${id}/ship`, admin.auth, { carrier: 'UPS' }, key), 422);
      const history = (await get(`/orders/${id}/history`, admin.auth)).json();
      expect(history.items.filter((e: { type: string }) => e.type === 'shipped')).toHaveLength(1);
      const deliverKey = { 'idempotency-key': `deliver-${id}` };
      const d1 = await post(`/orders/${id}/deliver`, admin.auth, undefined, deliverKey);
      const d2 = await post(`/orders/${id}/deliver`, admin.auth, undefined, deliverKey);
      expect(d2.json()).toEqual(d1.json());
    });
  });

  describe('POST /orders/{id}/cancel after shipping', () => {
    it('409 once shipped or delivered, for the owner and for an admin; the order is unchanged', async () => {
      const id = await confirmedOrder();
      await post(`/orders/${id}/ship`, admin.auth, {});
      expectProblem(await post(`/orders/${id}/cancel`, alice.auth), 409, 'order.already_shipped');
      expectProblem(await post(`/orders/${id}/cancel`, admin.auth), 409, 'order.already_shipped');
      await post(`/orders/${id}/deliver`, admin.auth);
      expectProblem(await post(`/orders/${id}/cancel`, admin.auth), 409, 'order.already_shipped');
      expect((await get(`/orders/${id}`, alice.auth)).json()).toMatchObject({ status: 'delivered', version: 4 });
    });
  });

  describe('allowedActions on every order the API returns', () => {
    it('pending with items, pending empty, confirmed (customer and admin), cancelled', async () => {
      const empty = await post('/orders', alice.auth, {});
      expect(empty.json().allowedActions).toEqual(['addItem', 'cancel']);
      const added = await post(`/orders/${empty.json().id}/items`, alice.auth, { productId: await product(), quantity: 1 });
      expect(added.json().allowedActions).toEqual(['addItem', 'changeItem', 'removeItem', 'confirm', 'cancel']);
      expect((await get(`/orders/${empty.json().id}`, admin.auth)).json().allowedActions).toEqual(['cancel']);
      const confirmed = await post(`/orders/${empty.json().id}/confirm`, alice.auth);
      expect(confirmed.json().allowedActions).toEqual(['cancel']);
      expect((await get(`/orders/${empty.json().id}`, admin.auth)).json().allowedActions).toEqual(['cancel', 'ship']);
      const cancelled = await post(`/orders/${empty.json().id}/cancel`, admin.auth);
      expect(cancelled.json().allowedActions).toEqual([]);
      const page = (await get('/orders?limit=100', alice.auth)).json();
      for (const order of page.items) expect(order.allowedActions).toEqual(expect.any(Array));
    });
  });

  describe('GET /orders/{id}/history', () => {
    it('one event per version, oldest first, with who and what; owner and admin read it, another customer gets 404', async () => {
      const p = await product();
      const created = await post('/orders', alice.auth, { items: [{ productId: p, quantity: 2 }] });
      const id = created.json().id as string;
      const itemId = created.json().items[0].id as string;
      await inject({ method: 'PATCH', url: `/orders/${id}/items/${itemId}`, headers: alice.auth, payload: { quantity: 3 } });
      await post(`/orders/${id}/confirm`, alice.auth);
      await post(`/orders/${id}/ship`, admin.auth, { carrier: 'DHL', trackingNumber: 'TN-9' });
      const last = await post(`/orders/${id}/deliver`, admin.auth);

      const res = await get(`/orders/${id}/history`, alice.auth);
      expect(res.statusCode, res.body).toBe(200);
      const { items } = res.json() as { items: Record<string, unknown>[] };
      const customer = { id: alice.id, role: 'customer' };
      const staff = { id: admin.id, role: 'admin' };
      expect(items.map(({ at: _at, ...rest }) => rest)).toEqual([
        { type: 'created', actor: customer, version: 1, items: [{ itemId, productId: p, quantity: 2 }] },
        { type: 'item_changed', actor: customer, version: 2, itemId, productId: p, quantity: 3 },
        { type: 'confirmed', actor: customer, version: 3 },
        { type: 'shipped', actor: staff, version: 4, carrier: 'DHL', trackingNumber: 'TN-9' },
        { type: 'delivered', actor: staff, version: 5 },
      ]);
      expect(items.at(-1)?.version).toBe(last.json().version);
      expect(items[0]?.at).toBe(created.json().createdAt);
      expect(items.at(-1)?.at).toBe(last.json().updatedAt);
      expect((await get(`/orders/${id}/history`, admin.auth)).json()).toEqual(res.json());
      expectProblem(await get(`/orders/${id}/history`, bob.auth), 404);
      expectProblem(await get('/orders/00000000-0000-7000-8000-000000000000/history', admin.auth), 404);
      expectProblem(await get(`/orders/${id}/history`, {}), 401);
      expect422Naming(await get(`/orders/${id}/history?limit=5`, alice.auth), 'limit');
    });

    it('a refused change leaves no event: the history cannot drift from the order', async () => {
      const scarce = await post('/products', admin.auth, { sku: `SCARCE-${++n}`, name: 'Scarce', price: { amount: '1.00', currency: 'USD' }, stock: 1 });
      const created = await post('/orders', alice.auth, { items: [{ productId: scarce.json().id, quantity: 2 }] });
      expectProblem(await post(`/orders/${created.json().id}/confirm`, alice.auth), 409, 'stock.insufficient');
      const { items } = (await get(`/orders/${created.json().id}/history`, alice.auth)).json();
      expect(items.map((e: { type: string }) => e.type)).toEqual(['created']);
    });
  });

  describe('GET /orders admin filters', () => {
    it('customerId (admin only), status and a creation window combine; customers filter their own orders', async () => {
      const carol = await registerAndLogin(t.app, `carol-${target.name}@example.com`);
      const first = (await post('/orders', carol.auth, {})).json();
      const second = await confirmedOrder({ id: carol.user.id, auth: carol.auth });
      const byCustomer = await get(`/orders?customerId=${carol.user.id}`, admin.auth);
      expect(byCustomer.statusCode, byCustomer.body).toBe(200);
      expect(byCustomer.json().items.map((o: { id: string }) => o.id)).toEqual([first.id, second]);
      const confirmedOnly = await get(`/orders?customerId=${carol.user.id}&status=confirmed`, admin.auth);
      expect(confirmedOnly.json().items.map((o: { id: string }) => o.id)).toEqual([second]);

      const from = encodeURIComponent(first.createdAt as string);
      const windowed = await get(`/orders?customerId=${carol.user.id}&createdFrom=${from}&createdTo=${encodeURIComponent('2999-01-01T00:00:00+01:00')}`, admin.auth);
      expect(windowed.json().items.map((o: { id: string }) => o.id)).toEqual([first.id, second]);
      // createdTo is exclusive: the first order's own creation instant excludes it.
      const before = await get(`/orders?customerId=${carol.user.id}&createdTo=${from}`, admin.auth);
      expect(before.json().items).toEqual([]);

      const own = await get(`/orders?status=confirmed&createdFrom=${from}`, carol.auth);
      expect(own.json().items.map((o: { id: string }) => o.id)).toEqual([second]);
      expectProblem(await get(`/orders?customerId=${carol.user.id}`, carol.auth), 403);
      expectProblem(await get(`/orders?customerId=${alice.id}`, carol.auth), 403);
    });

    it('pages with filters through nextCursor', async () => {
      const dave = await registerAndLogin(t.app, `dave-${target.name}@example.com`);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await post('/orders', dave.auth, {})).json().id as string);
      const seen: string[] = [];
      let url = `/orders?customerId=${dave.user.id}&status=pending&limit=2`;
      for (;;) {
        const page = (await get(url, admin.auth)).json() as { items: { id: string }[]; nextCursor: string | null };
        seen.push(...page.items.map((o) => o.id));
        if (page.nextCursor === null) break;
        url = `/orders?customerId=${dave.user.id}&status=pending&limit=2&cursor=${page.nextCursor}`;
      }
      expect(seen).toEqual(ids);
    });

    it('422 for a malformed date, an unknown status or an unknown parameter, naming it', async () => {
      expect422Naming(await get('/orders?createdFrom=yesterday', admin.auth), 'createdFrom');
      expect422Naming(await get('/orders?createdTo=2025-03-01', admin.auth), 'createdTo');
      expect422Naming(await get('/orders?createdTo=2025-02-30T00:00:00Z', admin.auth), 'createdTo');
      expect422Naming(await get('/orders?status=lost', admin.auth), 'status');
      expect422Naming(await get('/orders?customer=x', admin.auth), 'customer');
      expect((await get('/orders?status=shipped', admin.auth)).statusCode).toBe(200);
      expect((await get('/orders?status=delivered', alice.auth)).statusCode).toBe(200);
    });

    it('422, not a 5xx or a wrong page, for an instant outside years 0001–9999 in UTC, whatever its offset', async () => {
      // Valid RFC 3339 text whose instant no store can compare: year 0, or past 9999 once the offset is applied.
      expect422Naming(await get('/orders?createdFrom=0000-01-01T00:00:00Z', admin.auth), 'createdFrom');
      expect422Naming(await get('/orders?createdFrom=9999-12-31T23:59:59-14:00', admin.auth), 'createdFrom');
      expect422Naming(await get('/orders?createdTo=9999-12-31T23:59:59-23:59', admin.auth), 'createdTo');
      expect422Naming(await get('/orders?createdTo=9999-12-31T23:59:59.9999Z', admin.auth), 'createdTo');
      expect422Naming(await get(`/orders?createdFrom=${encodeURIComponent('0001-01-01T00:00:00+23:59')}`, alice.auth), 'createdFrom');
      // The extremes that stay inside the range still filter: everything is after year 1 and before year 10000.
      const all = (await get('/orders?limit=100', admin.auth)).json().items.length as number;
      const inside = await get('/orders?limit=100&createdFrom=0001-01-01T00:00:00Z&createdTo=9999-12-31T23:59:59.999Z', admin.auth);
      expect(inside.statusCode, inside.body).toBe(200);
      expect(inside.json().items.length).toBe(all);
    });
  });
});
