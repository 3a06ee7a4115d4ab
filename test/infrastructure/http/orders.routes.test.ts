import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAliceAndBob, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;
type Headers = Record<string, string>;
interface Money {
  amount: string;
  currency: string;
}
interface OrderBody {
  id: string;
  customerId: string;
  status: string;
  items: { id: string; productId: string; quantity: number; unitPrice: Money; lineTotal: Money }[];
  total: Money;
  version: number;
}

describe.each(sqlTargets)('orders over HTTP on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let alice: { id: string; auth: Headers };
  let bob: { id: string; auth: Headers };
  let n = 0;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
    ({ admin, alice, bob } = await adminAliceAndBob(t));
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const inject = (o: InjectOptions) => t.app.inject(o);
  /** A fresh product (admin-created); returns its id. */
  const product = async (amount = '10.99', stock = 10, currency = 'USD'): Promise<string> => {
    const res = await inject({
      method: 'POST',
      url: '/products',
      headers: admin,
      payload: { sku: `P-${++n}`, name: `Product ${n}`, price: { amount, currency }, stock },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const stockOf = async (id: string): Promise<number> => (await inject({ method: 'GET', url: `/products/${id}` })).json().stock as number;
  const createOrder = (auth: Headers, items?: { productId: string; quantity: unknown }[]) =>
    inject({ method: 'POST', url: '/orders', headers: auth, payload: items === undefined ? {} : { items } });
  /** A pending order of alice's with the given lines; returns the order body. */
  const orderOf = async (auth: Headers, items: { productId: string; quantity: number }[] = []): Promise<OrderBody> => {
    const res = await createOrder(auth, items);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as OrderBody;
  };
  const post = (url: string, auth: Headers, payload?: unknown, headers: Headers = {}) =>
    inject({ method: 'POST', url, headers: { ...auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const expectProblem = (res: LightMyRequestResponse, status: number, code?: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    if (code) expect(res.json().code).toBe(code);
  };
  const expect422At = (res: LightMyRequestResponse, path: string) => {
    expectProblem(res, 422);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.any(String) })]));
  };

  describe('POST /orders', () => {
    it('opens an empty pending order: 201, Location, ETag, zero total; no body at all works too', async () => {
      const res = await createOrder(alice.auth);
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(res.headers.location).toBe(`/orders/${body.id}`);
      expect(res.headers.etag).toBe('"1"');
      expect(body).toEqual({
        id: expect.any(String),
        customerId: alice.id,
        status: 'pending',
        items: [],
        total: { amount: '0.00', currency: 'USD' },
        allowedActions: ['addItem', 'cancel'],
        shipment: null,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const bare = await inject({ method: 'POST', url: '/orders', headers: alice.auth });
      expect(bare.statusCode, bare.body).toBe(201);
      expect(bare.json().items).toEqual([]);
    });

    it('prices lines at the product’s price, exactly; the same product twice is one line', async () => {
      const mug = await product('10.99');
      const pen = await product('0.10');
      const res = await createOrder(alice.auth, [
        { productId: mug, quantity: 3 },
        { productId: pen, quantity: 7 },
        { productId: mug, quantity: 1 },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const order = res.json() as OrderBody;
      expect(order.items.map((i) => [i.productId, i.quantity, i.unitPrice.amount, i.lineTotal.amount])).toEqual([
        [mug, 4, '10.99', '43.96'],
        [pen, 7, '0.10', '0.70'],
      ]);
      expect(order.total).toEqual({ amount: '44.66', currency: 'USD' });
    });

    it('totals JPY with no minor digits and KWD with three', async () => {
      const yen = await product('1500', 10, 'JPY');
      expect((await orderOf(alice.auth, [{ productId: yen, quantity: 3 }])).total).toEqual({ amount: '4500', currency: 'JPY' });
      const dinar = await product('0.125', 10, 'KWD');
      expect((await orderOf(alice.auth, [{ productId: dinar, quantity: 3 }])).total).toEqual({ amount: '0.375', currency: 'KWD' });
    });

    it('never honours status, customerId, version, id or unitPrice from the client', async () => {
      const mug = await product('5.00');
      const res = await inject({
        method: 'POST',
        url: '/orders',
        headers: alice.auth,
        payload: {
          id: 'mine',
          status: 'confirmed',
          customerId: bob.id,
          version: 99,
          total: { amount: '0.01', currency: 'USD' },
          items: [{ productId: mug, quantity: 2, unitPrice: { amount: '0.01', currency: 'USD' } }],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'pending', customerId: alice.id, version: 1, total: { amount: '10.00', currency: 'USD' } });
      expect(res.json().id).not.toBe('mine');
      expect(res.json().items[0].unitPrice).toEqual({ amount: '5.00', currency: 'USD' });
    });

    it.each([
      ['quantity 0', 0],
      ['quantity 10001', 10001],
      ['quantity "5" (a string)', '5'],
      ['quantity 1.5', 1.5],
      ['quantity -1', -1],
    ])('422 for %s, naming /items/0/quantity', async (_label, quantity) => {
      const mug = await product();
      expect422At(await createOrder(alice.auth, [{ productId: mug, quantity }]), '/items/0/quantity');
    });

    it('422 when the lines are priced in different currencies; 422 for a missing productId', async () => {
      const usd = await product('1.00', 10, 'USD');
      const eur = await product('1.00', 10, 'EUR');
      const mismatch = await createOrder(alice.auth, [
        { productId: usd, quantity: 1 },
        { productId: eur, quantity: 1 },
      ]);
      expectProblem(mismatch, 422, 'order.currency_mismatch');
      expect(mismatch.json().errors[0].path).toMatch(/^\/items\/1\//);
      expect422At(await inject({ method: 'POST', url: '/orders', headers: alice.auth, payload: { items: [{ quantity: 1 }] } }), '/items/0/productId');
    });

    it('404 for an unknown product, 401 anonymous', async () => {
      expectProblem(await createOrder(alice.auth, [{ productId: 'no-such-product', quantity: 1 }]), 404, 'product.not_found');
      const anonymous = await inject({ method: 'POST', url: '/orders', payload: {} });
      expectProblem(anonymous, 401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('accepts an Idempotency-Key header; refuses an empty or oversized one', async () => {
      expect((await post('/orders', alice.auth, {}, { 'idempotency-key': 'create-1' })).statusCode).toBe(201);
      expect422At(await post('/orders', alice.auth, {}, { 'idempotency-key': 'k'.repeat(256) }), 'idempotency-key');
    });
  });

  describe('GET /orders/{id} and GET /orders', () => {
    it('the owner and an admin read an order with its ETag; another customer gets 404, as for a missing one', async () => {
      const order = await orderOf(alice.auth, [{ productId: await product(), quantity: 1 }]);
      const own = await inject({ method: 'GET', url: `/orders/${order.id}`, headers: alice.auth });
      expect(own.statusCode).toBe(200);
      expect(own.headers.etag).toBe('"1"');
      expect(own.json()).toEqual(order);
      // Only allowedActions depends on who looks: an admin who is not the owner may cancel, not change or confirm.
      expect((await inject({ method: 'GET', url: `/orders/${order.id}`, headers: admin })).json()).toEqual({ ...order, allowedActions: ['cancel'] });
      const other = await inject({ method: 'GET', url: `/orders/${order.id}`, headers: bob.auth });
      const missing = await inject({ method: 'GET', url: '/orders/00000000-0000-7000-8000-000000000000', headers: bob.auth });
      expectProblem(other, 404);
      expectProblem(missing, 404);
      expect({ ...other.json(), instance: undefined, requestId: undefined, orderId: undefined, detail: undefined }).toEqual({
        ...missing.json(),
        instance: undefined,
        requestId: undefined,
        orderId: undefined,
        detail: undefined,
      });
      expectProblem(await inject({ method: 'GET', url: `/orders/${order.id}` }), 401);
    });

    it('lists your own full orders (an admin sees everyone’s), filters by status, pages without gaps', async () => {
      const carol = await registerAndLogin(t.app, 'carol@example.com');
      const mug = await product('2.00', 100);
      const mine: string[] = [];
      for (let i = 0; i < 5; i++) mine.push((await orderOf(carol.auth, [{ productId: mug, quantity: i + 1 }])).id);
      await post(`/orders/${mine[1]}/confirm`, carol.auth);
      const bobs = await orderOf(bob.auth);

      const all = (await inject({ method: 'GET', url: '/orders', headers: carol.auth })).json();
      expect(all.items.map((o: OrderBody) => o.id)).toEqual(mine);
      expect(all.nextCursor).toBeNull();
      expect(all.items[2].items[0]).toMatchObject({ productId: mug, quantity: 3, lineTotal: { amount: '6.00', currency: 'USD' } });

      const confirmed = (await inject({ method: 'GET', url: '/orders?status=confirmed', headers: carol.auth })).json();
      expect(confirmed.items.map((o: OrderBody) => o.id)).toEqual([mine[1]]);
      const pending = (await inject({ method: 'GET', url: '/orders?status=pending&limit=2', headers: carol.auth })).json();
      expect(pending.items.map((o: OrderBody) => o.id)).toEqual([mine[0], mine[2]]);
      const rest = (await inject({ method: 'GET', url: `/orders?status=pending&limit=2&cursor=${pending.nextCursor}`, headers: carol.auth })).json();
      expect(rest.items.map((o: OrderBody) => o.id)).toEqual([mine[3], mine[4]]);

      const everyone = (await inject({ method: 'GET', url: '/orders?limit=100', headers: admin })).json();
      const ids = everyone.items.map((o: OrderBody) => o.id);
      expect(ids).toEqual(expect.arrayContaining([...mine, bobs.id]));
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('422 for an unknown status or a bad limit; 401 anonymous', async () => {
      expect422At(await inject({ method: 'GET', url: '/orders?status=lost', headers: alice.auth }), 'status');
      expect422At(await inject({ method: 'GET', url: '/orders?limit=101', headers: alice.auth }), 'limit');
      expectProblem(await inject({ method: 'GET', url: '/orders' }), 401);
    });
  });

  describe('changing items', () => {
    it('adds a product at its current price, merges into an existing line, bumps the version and ETag', async () => {
      const mug = await product('3.00');
      const order = await orderOf(alice.auth);
      const added = await post(`/orders/${order.id}/items`, alice.auth, { productId: mug, quantity: 2 });
      expect(added.statusCode, added.body).toBe(200);
      expect(added.headers.etag).toBe('"2"');
      expect(added.json()).toMatchObject({ version: 2, total: { amount: '6.00', currency: 'USD' } });

      // A price change later does not touch the line's snapshot; adding again merges at the first price.
      await inject({ method: 'PATCH', url: `/products/${mug}`, headers: admin, payload: { price: { amount: '4.00', currency: 'USD' } } });
      const merged = await post(`/orders/${order.id}/items`, alice.auth, { productId: mug, quantity: 1, unitPrice: { amount: '0.01', currency: 'USD' } });
      expect(merged.json().items).toEqual([expect.objectContaining({ productId: mug, quantity: 3, unitPrice: { amount: '3.00', currency: 'USD' } })]);
      expect(merged.json().version).toBe(3);
    });

    it('changes a line’s quantity and removes a line', async () => {
      const mug = await product('1.50');
      const pen = await product('0.25');
      const order = await orderOf(alice.auth, [
        { productId: mug, quantity: 1 },
        { productId: pen, quantity: 4 },
      ]);
      const [mugLine, penLine] = order.items;
      const changed = await inject({ method: 'PATCH', url: `/orders/${order.id}/items/${mugLine!.id}`, headers: alice.auth, payload: { quantity: 10 } });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.headers.etag).toBe('"2"');
      expect(changed.json().total).toEqual({ amount: '16.00', currency: 'USD' });
      const removed = await inject({ method: 'DELETE', url: `/orders/${order.id}/items/${penLine!.id}`, headers: alice.auth });
      expect(removed.statusCode).toBe(200);
      expect(removed.headers.etag).toBe('"3"');
      expect(removed.json().items.map((i: { id: string }) => i.id)).toEqual([mugLine!.id]);
      expect((await inject({ method: 'GET', url: `/orders/${order.id}`, headers: alice.auth })).json()).toEqual(removed.json());
    });

    it('404 for an unknown product, item or order, and for another customer’s order', async () => {
      const mug = await product();
      const order = await orderOf(alice.auth, [{ productId: mug, quantity: 1 }]);
      const itemUrl = `/orders/${order.id}/items/${order.items[0]!.id}`;
      expectProblem(await post(`/orders/${order.id}/items`, alice.auth, { productId: 'nope', quantity: 1 }), 404, 'product.not_found');
      expectProblem(await inject({ method: 'PATCH', url: `/orders/${order.id}/items/nope`, headers: alice.auth, payload: { quantity: 2 } }), 404);
      expectProblem(await inject({ method: 'DELETE', url: `/orders/${order.id}/items/nope`, headers: alice.auth }), 404);
      expectProblem(await post('/orders/nope/items', alice.auth, { productId: mug, quantity: 1 }), 404, 'order.not_found');
      expectProblem(await post(`/orders/${order.id}/items`, bob.auth, { productId: mug, quantity: 1 }), 404, 'order.not_found');
      expectProblem(await inject({ method: 'PATCH', url: itemUrl, headers: bob.auth, payload: { quantity: 2 } }), 404);
      expectProblem(await inject({ method: 'DELETE', url: itemUrl, headers: bob.auth }), 404);
      expect((await inject({ method: 'GET', url: `/orders/${order.id}`, headers: alice.auth })).json()).toEqual(order);
    });

    it.each([
      ['0', 0],
      ['10001', 10001],
      ['"5" (a string)', '5'],
    ])('422 for quantity %s when adding or changing', async (_label, quantity) => {
      const mug = await product();
      const order = await orderOf(alice.auth, [{ productId: mug, quantity: 1 }]);
      expect422At(await post(`/orders/${order.id}/items`, alice.auth, { productId: mug, quantity }), '/quantity');
      expect422At(
        await inject({ method: 'PATCH', url: `/orders/${order.id}/items/${order.items[0]!.id}`, headers: alice.auth, payload: { quantity } }),
        '/quantity',
      );
    });

    it('422 when a merge would pass 10,000 units, or the product is in another currency', async () => {
      const mug = await product('1.00', 10, 'USD');
      const euro = await product('1.00', 10, 'EUR');
      const order = await orderOf(alice.auth, [{ productId: mug, quantity: 9_999 }]);
      expect422At(await post(`/orders/${order.id}/items`, alice.auth, { productId: mug, quantity: 2 }), '/quantity');
      const mismatch = await post(`/orders/${order.id}/items`, alice.auth, { productId: euro, quantity: 1 });
      expectProblem(mismatch, 422, 'order.currency_mismatch');
      expect(mismatch.json().errors[0].path).toBe('/productId');
    });

    it('409 once the order is no longer pending; an admin who is not the owner may not change it (403)', async () => {
      const mug = await product();
      const order = await orderOf(alice.auth, [{ productId: mug, quantity: 1 }]);
      expect((await post(`/orders/${order.id}/items`, admin, { productId: mug, quantity: 1 })).statusCode).toBe(403);
      expect((await post(`/orders/${order.id}/confirm`, alice.auth)).statusCode).toBe(200);
      const itemUrl = `/orders/${order.id}/items/${order.items[0]!.id}`;
      expectProblem(await post(`/orders/${order.id}/items`, alice.auth, { productId: mug, quantity: 1 }), 409, 'order.not_pending');
      expectProblem(await inject({ method: 'PATCH', url: itemUrl, headers: alice.auth, payload: { quantity: 2 } }), 409, 'order.not_pending');
      expectProblem(await inject({ method: 'DELETE', url: itemUrl, headers: alice.auth }), 409, 'order.not_pending');
    });
  });

  describe('POST /orders/{id}/confirm', () => {
    it('confirms and reserves stock for every line; a second confirm is 409 not pending', async () => {
      const mug = await product('2.00', 5);
      const pen = await product('1.00', 3);
      const order = await orderOf(alice.auth, [
        { productId: mug, quantity: 5 },
        { productId: pen, quantity: 1 },
      ]);
      const res = await post(`/orders/${order.id}/confirm`, alice.auth, undefined, { 'idempotency-key': 'confirm-1' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.json()).toMatchObject({ status: 'confirmed', version: 2, total: { amount: '11.00', currency: 'USD' } });
      expect([await stockOf(mug), await stockOf(pen)]).toEqual([0, 2]);
      expectProblem(await post(`/orders/${order.id}/confirm`, alice.auth), 409, 'order.not_pending');
      expect([await stockOf(mug), await stockOf(pen)]).toEqual([0, 2]);
    });

    it('409 for an empty order', async () => {
      const order = await orderOf(alice.auth);
      expectProblem(await post(`/orders/${order.id}/confirm`, alice.auth), 409, 'order.empty');
    });

    it('409 for insufficient stock, naming every short product, with no stock taken at all', async () => {
      const plenty = await product('1.00', 50);
      const few = await product('1.00', 2);
      const none = await product('1.00', 0);
      const order = await orderOf(alice.auth, [
        { productId: plenty, quantity: 10 },
        { productId: few, quantity: 3 },
        { productId: none, quantity: 1 },
      ]);
      const res = await post(`/orders/${order.id}/confirm`, alice.auth);
      expectProblem(res, 409, 'stock.insufficient');
      expect([...res.json().productIds].sort()).toEqual([few, none].sort());
      expect([await stockOf(plenty), await stockOf(few), await stockOf(none)]).toEqual([50, 2, 0]);
      expect((await inject({ method: 'GET', url: `/orders/${order.id}`, headers: alice.auth })).json()).toMatchObject({ status: 'pending', version: 1 });
    });

    it('404 for another customer’s order; 401 anonymous', async () => {
      const order = await orderOf(alice.auth, [{ productId: await product(), quantity: 1 }]);
      expectProblem(await post(`/orders/${order.id}/confirm`, bob.auth), 404);
      expectProblem(await post(`/orders/${order.id}/confirm`, {}), 401);
    });
  });

  describe('POST /orders/{id}/cancel', () => {
    it('cancels a pending order (stock untouched) and refuses a second cancel with 409', async () => {
      const mug = await product('1.00', 4);
      const order = await orderOf(alice.auth, [{ productId: mug, quantity: 2 }]);
      const res = await post(`/orders/${order.id}/cancel`, alice.auth);
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.json()).toMatchObject({ status: 'cancelled', version: 2 });
      expect(await stockOf(mug)).toBe(4);
      expectProblem(await post(`/orders/${order.id}/cancel`, alice.auth), 409, 'order.already_cancelled');
      expectProblem(await post(`/orders/${order.id}/confirm`, alice.auth), 409, 'order.not_pending');
    });

    it('cancelling a confirmed order releases its stock; an admin may cancel anyone’s order', async () => {
      const mug = await product('1.00', 4);
      const order = await orderOf(alice.auth, [{ productId: mug, quantity: 3 }]);
      await post(`/orders/${order.id}/confirm`, alice.auth);
      expect(await stockOf(mug)).toBe(1);
      const res = await post(`/orders/${order.id}/cancel`, admin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'cancelled', customerId: alice.id, version: 3 });
      expect(await stockOf(mug)).toBe(4);
    });

    it('404 for another customer’s order', async () => {
      const order = await orderOf(alice.auth);
      expectProblem(await post(`/orders/${order.id}/cancel`, bob.auth), 404);
      expect((await inject({ method: 'GET', url: `/orders/${order.id}`, headers: alice.auth })).json().status).toBe('pending');
    });
  });

  describe('ETag and If-Match', () => {
    it('applies a change sent with the current ETag, and refuses a stale one with 412 without changing anything', async () => {
      const mug = await product('1.00', 10);
      const order = await orderOf(alice.auth, [{ productId: mug, quantity: 1 }]);
      const read = await inject({ method: 'GET', url: `/orders/${order.id}`, headers: alice.auth });
      const etag = read.headers.etag as string;
      const ok = await post(`/orders/${order.id}/items`, alice.auth, { productId: mug, quantity: 1 }, { 'if-match': etag });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers.etag).toBe('"2"');

      const itemUrl = `/orders/${order.id}/items/${order.items[0]!.id}`;
      const stale = { 'if-match': etag };
      expectProblem(await post(`/orders/${order.id}/items`, alice.auth, { productId: mug, quantity: 1 }, stale), 412, 'order.version_mismatch');
      expectProblem(await inject({ method: 'PATCH', url: itemUrl, headers: { ...alice.auth, ...stale }, payload: { quantity: 5 } }), 412);
      expectProblem(await inject({ method: 'DELETE', url: itemUrl, headers: { ...alice.auth, ...stale } }), 412);
      expectProblem(await post(`/orders/${order.id}/confirm`, alice.auth, undefined, stale), 412);
      expectProblem(await post(`/orders/${order.id}/cancel`, alice.auth, undefined, stale), 412);
      const now = (await inject({ method: 'GET', url: `/orders/${order.id}`, headers: alice.auth })).json();
      expect(now).toMatchObject({ status: 'pending', version: 2, items: [expect.objectContaining({ quantity: 2 })] });
      expect(await stockOf(mug)).toBe(10);
    });

    it.each([
      ['the current strong tag', '"1"', 200],
      ['a weak tag of the current version', 'W/"1"', 200],
      ['*', '*', 200],
      ['a list naming only the current version', '"1", W/"1"', 200],
      ['another version', '"7"', 412],
      ['a list naming several versions', '"1", "2"', 412],
      ['an unquoted version (malformed)', '1', 412],
      ['a tag that is not a version', '"abc"', 412],
      ['garbage', 'x"', 412],
    ])('If-Match with %s → %i', async (_label, ifMatch, status) => {
      const order = await orderOf(alice.auth, [{ productId: await product(), quantity: 1 }]);
      const res = await post(`/orders/${order.id}/confirm`, alice.auth, undefined, { 'if-match': ifMatch });
      expect(res.statusCode, res.body).toBe(status);
    });

    it('404 before 412: a stale If-Match on another customer’s order does not reveal it', async () => {
      const order = await orderOf(alice.auth);
      expectProblem(await post(`/orders/${order.id}/cancel`, bob.auth, undefined, { 'if-match': '"9"' }), 404);
    });
  });

  it('documents every order operation in OpenAPI, with the ETag header', async () => {
    const doc = (await inject({ method: 'GET', url: '/openapi.json' })).json();
    const ops = {
      '/orders': ['post', 'get'],
      '/orders/{id}': ['get'],
      '/orders/{id}/items': ['post'],
      '/orders/{id}/items/{itemId}': ['patch', 'delete'],
      '/orders/{id}/confirm': ['post'],
      '/orders/{id}/cancel': ['post'],
    } as const;
    for (const [path, methods] of Object.entries(ops)) {
      for (const method of methods) {
        const op = doc.paths[path][method];
        expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
        expect(op.security).toBeDefined();
        expect(op.responses['401']).toBeDefined();
      }
    }
    expect(doc.paths['/orders/{id}'].get.responses['200'].headers.etag).toBeDefined();
    expect(doc.paths['/orders/{id}/confirm'].post.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['if-match', 'idempotency-key']),
    );
  });
});
