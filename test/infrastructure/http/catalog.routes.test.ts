import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;
type ProductBody = { id: string; name: string; sku: string; stock: number; status: string; description: string; price: { amount: string } };

/** The v1.1 catalog over HTTP: search, sorts and cursors, descriptions, archiving, the stock ledger. */
describe.each(sqlTargets)('the v1.1 catalog over HTTP on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let customer: Headers;
  let n = 0;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
    admin = (await adminAndLogin(t)).auth;
    customer = (await registerAndLogin(t.app, 'shopper@example.com')).auth;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const inject = (o: InjectOptions) => t.app.inject(o);
  const create = async (fields: Record<string, unknown> = {}): Promise<ProductBody> => {
    const res = await inject({
      method: 'POST',
      url: '/products',
      headers: admin,
      payload: { sku: `CAT-${++n}`, name: `Catalog item ${n}`, price: { amount: '10.00', currency: 'USD' }, stock: 10, ...fields },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const problem = (res: LightMyRequestResponse, status: number, code?: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (code) expect(res.json().code).toBe(code);
    return res.json();
  };
  const listAll = async (query: string, headers: Headers = {}) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await inject({ method: 'GET', url: `/products?${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      ids.push(...(res.json().items as ProductBody[]).map((p) => p.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    return ids;
  };

  it('POST and PATCH take a description (default ""); products carry status and updatedAt', async () => {
    const plain = await create();
    expect(plain).toMatchObject({ description: '', status: 'active', updatedAt: expect.any(String) });
    const described = await create({ description: 'Stoneware.\nDishwasher safe.' });
    expect(described.description).toBe('Stoneware.\nDishwasher safe.');
    const patched = await inject({ method: 'PATCH', url: `/products/${plain.id}`, headers: admin, payload: { description: 'Now described' } });
    expect(patched.json()).toMatchObject({ description: 'Now described', name: plain.name });
    problem(await inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: 'D-1', name: 'x', price: { amount: '1', currency: 'USD' }, stock: 1, description: 'x'.repeat(5001) } }), 422);
    problem(await inject({ method: 'PATCH', url: `/products/${plain.id}`, headers: admin, payload: { description: 'a\u0000b' } }), 422);
  });

  describe('archive and unarchive', () => {
    it('admin only; 404 unknown; archived leaves the public list, answers by id, cannot be ordered or confirmed', async () => {
      const product = await create({ name: 'Archivable lamp' });
      const other = await create();
      const order = (await inject({ method: 'POST', url: '/orders', headers: customer, payload: { items: [{ productId: product.id, quantity: 1 }, { productId: other.id, quantity: 1 }] } })).json();

      problem(await inject({ method: 'POST', url: `/products/${product.id}/archive`, headers: customer }), 403);
      problem(await inject({ method: 'POST', url: `/products/${product.id}/archive` }), 401);
      problem(await inject({ method: 'POST', url: '/products/unknown-id/archive', headers: admin }), 404);
      problem(await inject({ method: 'POST', url: '/products/unknown-id/unarchive', headers: admin }), 404);
      const archived = await inject({ method: 'POST', url: `/products/${product.id}/archive`, headers: admin });
      expect(archived.statusCode).toBe(200);
      expect(archived.json()).toMatchObject({ id: product.id, status: 'archived' });

      expect((await inject({ method: 'GET', url: `/products/${product.id}` })).json()).toMatchObject({ status: 'archived' });
      expect(await listAll('q=archivable')).toEqual([]);
      expect(await listAll('q=archivable&status=archived', admin)).toEqual([product.id]);
      expect(await listAll('q=archivable&status=all', admin)).toEqual([product.id]);

      const body = problem(await inject({ method: 'POST', url: '/orders', headers: customer, payload: { items: [{ productId: product.id, quantity: 1 }] } }), 409, 'product.archived');
      expect(body.productIds).toEqual([product.id]);
      const empty = (await inject({ method: 'POST', url: '/orders', headers: customer, payload: {} })).json();
      problem(await inject({ method: 'POST', url: `/orders/${empty.id}/items`, headers: customer, payload: { productId: product.id, quantity: 1 } }), 409, 'product.archived');
      const refused = problem(await inject({ method: 'POST', url: `/orders/${order.id}/confirm`, headers: customer }), 409, 'product.archived');
      expect(refused.productIds).toEqual([product.id]);
      expect((await inject({ method: 'GET', url: `/products/${other.id}` })).json().stock).toBe(10);

      expect((await inject({ method: 'POST', url: `/products/${product.id}/unarchive`, headers: admin })).json()).toMatchObject({ status: 'active' });
      expect((await inject({ method: 'POST', url: `/orders/${order.id}/confirm`, headers: customer })).statusCode).toBe(200);
    });
  });

  describe('GET /products', () => {
    it('status: 401 without a token (WWW-Authenticate), 403 for a customer, 422 for an unknown value', async () => {
      const anonymous = problem(await inject({ method: 'GET', url: '/products?status=archived' }), 401);
      expect(anonymous).toBeTruthy();
      expect((await inject({ method: 'GET', url: '/products?status=archived' })).headers['www-authenticate']).toMatch(/^Bearer/);
      problem(await inject({ method: 'GET', url: '/products?status=all', headers: customer }), 403);
      problem(await inject({ method: 'GET', url: '/products?status=deleted', headers: admin }), 422);
    });

    it.each([
      ['minPrice=1', 'minPrice'],
      ['maxPrice=1', 'maxPrice'],
      ['minPrice=1.001&currency=USD', 'minPrice'],
      ['minPrice=abc&currency=USD', 'minPrice'],
      ['currency=usd', 'currency'],
      ['currency=XXX', 'currency'],
      ['sort=prise', 'sort'],
      ['inStock=maybe', 'inStock'],
      ['serach=mug', 'serach'],
      ['q=', 'q'],
      ['q=a%1Fb', 'q'],
      ['currency=USD&minPrice=10&maxPrice=9.99', 'minPrice'],
      ['limit=0', 'limit'],
    ])('422 for ?%s naming %s', async (query, name) => {
      const body = problem(await inject({ method: 'GET', url: `/products?${query}` }), 422);
      expect(JSON.stringify(body.errors)).toContain(name);
    });

    it('q, currency, price range, inStock and sort combine', async () => {
      const tag = `combo${Date.now()}`;
      const a = await create({ name: `${tag} Alpha`, price: { amount: '5.00', currency: 'USD' }, stock: 0 });
      const b = await create({ name: `${tag} beta`, price: { amount: '7.50', currency: 'USD' }, stock: 3 });
      const c = await create({ name: `${tag} Gamma`, price: { amount: '9.00', currency: 'USD' }, stock: 3 });
      await create({ name: `${tag} Euro`, price: { amount: '6.00', currency: 'EUR' }, stock: 3 });
      expect(await listAll(`q=${tag.toUpperCase()}&currency=USD&minPrice=5&maxPrice=7.5&sort=-price`)).toEqual([b.id, a.id]);
      expect(await listAll(`q=${tag}&currency=USD&inStock=true&sort=name`)).toEqual([b.id, c.id]);
      expect(await listAll(`q=${tag}&sort=-name`)).toHaveLength(4);
    });

    it.each(['createdAt', '-createdAt', 'name', '-name', 'price', '-price'])(
      'sort=%s pages with no duplicate and no gap while products are inserted; a cursor of another sort → 422',
      async (sort) => {
        const tag = `stable${sort.replace('-', 'd')}${Date.now()}`;
        const before: string[] = [];
        for (const [i, amount] of ['3.00', '1.00', '2.00', '1.00', '3.00'].entries()) before.push((await create({ name: `${tag} ${'edcba'[i]}`, price: { amount, currency: 'USD' } })).id);
        const seen: string[] = [];
        let cursor: string | null = null;
        let k = 0;
        do {
          const res = await inject({ method: 'GET', url: `/products?q=${tag}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}` });
          expect(res.statusCode, res.body).toBe(200);
          seen.push(...(res.json().items as ProductBody[]).map((p) => p.id));
          cursor = res.json().nextCursor;
          await create({ name: `${tag} ${'zam'[k % 3]}${k}`, price: { amount: ['0.50', '2.00', '9.00'][k++ % 3]!, currency: 'USD' } });
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(expect.arrayContaining(before));

        const first = (await inject({ method: 'GET', url: `/products?q=${tag}&sort=${sort}&limit=1` })).json();
        const otherSort = sort === 'name' ? 'price' : 'name';
        problem(await inject({ method: 'GET', url: `/products?q=${tag}&sort=${otherSort}&limit=1&cursor=${first.nextCursor}` }), 422);
        problem(await inject({ method: 'GET', url: `/products?q=other&sort=${sort}&limit=1&cursor=${first.nextCursor}` }), 422);
      },
    );
  });

  it.each(['createdAt', '-createdAt', 'name'])('sort=%s: a cursor whose position was edited (not a time, a NUL) → 422, never 500 or 400', async (sort) => {
    await create();
    await create();
    const first = (await inject({ method: 'GET', url: `/products?sort=${sort}&limit=1` })).json();
    const [tag, key, id] = JSON.parse(Buffer.from(first.nextCursor as string, 'base64url').toString()) as [string, string, string];
    const edited = (position: unknown[]) => Buffer.from(JSON.stringify(position)).toString('base64url');
    const keys = sort === 'name' ? ['a\u0000'] : ['garbage', '', '2026-13-45T99:99:99Z', '-1', 'NaN', 'a\u0000'];
    for (const k of keys) {
      problem(await inject({ method: 'GET', url: `/products?sort=${sort}&limit=1&cursor=${edited([tag, k, id])}` }), 422, 'validation.invalid');
    }
    problem(await inject({ method: 'GET', url: `/products?sort=${sort}&limit=1&cursor=${edited([tag, key, 'a\u0000'])}` }), 422, 'validation.invalid');
  });

  describe('stock adjustments and the ledger', () => {
    it('adjusts atomically with a reason, never below zero; the movements sum to the stock', async () => {
      const product = await create({ stock: 4 });
      const url = `/products/${product.id}/stock-adjustments`;
      const added = await inject({ method: 'POST', url, headers: admin, payload: { delta: 6, reason: 'Delivery' } });
      expect(added.statusCode, added.body).toBe(200);
      expect(added.json()).toMatchObject({ id: product.id, stock: 10 });
      const short = problem(await inject({ method: 'POST', url, headers: admin, payload: { delta: -11, reason: 'Lost' } }), 409, 'stock.insufficient');
      expect(short.productIds).toEqual([product.id]);
      await inject({ method: 'PATCH', url: `/products/${product.id}`, headers: admin, payload: { stock: 7 } });

      const ledger = await inject({ method: 'GET', url: `/products/${product.id}/stock-movements`, headers: admin });
      expect(ledger.statusCode).toBe(200);
      const items = ledger.json().items as { kind: string; delta: number; stockAfter: number; reason: string; actorId: string | null; orderId: string | null }[];
      expect(items.map((m) => [m.kind, m.delta, m.stockAfter])).toEqual([['initial', 4, 4], ['adjustment', 6, 10], ['set', -3, 7]]);
      expect(items[1]).toMatchObject({ reason: 'Delivery', orderId: null, actorId: expect.any(String) });
      expect(Object.keys(items[0]!).sort()).toEqual(['actorId', 'createdAt', 'delta', 'id', 'kind', 'orderId', 'productId', 'reason', 'stockAfter']);
      expect(items.reduce((sum, m) => sum + m.delta, 0)).toBe(7);

      const paged = (await inject({ method: 'GET', url: `/products/${product.id}/stock-movements?limit=2`, headers: admin })).json();
      expect(paged.items).toHaveLength(2);
      const rest = (await inject({ method: 'GET', url: `/products/${product.id}/stock-movements?limit=2&cursor=${paged.nextCursor}`, headers: admin })).json();
      expect(rest.items.map((m: { kind: string }) => m.kind)).toEqual(['set']);
    });

    it.each([
      [{ delta: 0, reason: 'x' }, '/delta'],
      [{ delta: 1.5, reason: 'x' }, '/delta'],
      [{ delta: '1', reason: 'x' }, '/delta'],
      [{ delta: 1, reason: '' }, '/reason'],
      [{ delta: 1, reason: 'r'.repeat(201) }, '/reason'],
      [{ delta: 1 }, 'reason'],
    ])('422 for %j', async (payload, path) => {
      const product = await create();
      const body = problem(await inject({ method: 'POST', url: `/products/${product.id}/stock-adjustments`, headers: admin, payload }), 422);
      expect(JSON.stringify(body.errors)).toContain(path);
    });

    it('404 unknown product, 403 customer, 401 anonymous — for adjustments and movements', async () => {
      const product = await create();
      const payload = { delta: 1, reason: 'x' };
      problem(await inject({ method: 'POST', url: '/products/unknown/stock-adjustments', headers: admin, payload }), 404);
      problem(await inject({ method: 'POST', url: `/products/${product.id}/stock-adjustments`, headers: customer, payload }), 403);
      problem(await inject({ method: 'POST', url: `/products/${product.id}/stock-adjustments`, payload }), 401);
      problem(await inject({ method: 'GET', url: '/products/unknown/stock-movements', headers: admin }), 404);
      problem(await inject({ method: 'GET', url: `/products/${product.id}/stock-movements`, headers: customer }), 403);
      problem(await inject({ method: 'GET', url: `/products/${product.id}/stock-movements` }), 401);
    });

    it('confirmation and cancellation write order movements', async () => {
      const product = await create({ stock: 5 });
      const order = (await inject({ method: 'POST', url: '/orders', headers: customer, payload: { items: [{ productId: product.id, quantity: 2 }] } })).json();
      expect((await inject({ method: 'POST', url: `/orders/${order.id}/confirm`, headers: customer })).statusCode).toBe(200);
      expect((await inject({ method: 'POST', url: `/orders/${order.id}/cancel`, headers: customer })).statusCode).toBe(200);
      const items = (await inject({ method: 'GET', url: `/products/${product.id}/stock-movements`, headers: admin })).json().items;
      expect(items.map((m: { kind: string; delta: number; orderId: string | null }) => [m.kind, m.delta, m.orderId])).toEqual([
        ['initial', 5, null],
        ['order_confirmed', -2, order.id],
        ['order_cancelled', 2, order.id],
      ]);
    });
  });

  it('documents the new parameters with examples and the new components', async () => {
    const doc = (await inject({ method: 'GET', url: '/openapi.json' })).json();
    const params = doc.paths['/products'].get.parameters as { name: string; schema: { examples?: unknown[] }; description?: string }[];
    for (const name of ['q', 'minPrice', 'maxPrice', 'currency', 'inStock', 'sort', 'status']) {
      const param = params.find((p) => p.name === name);
      expect(param, name).toBeDefined();
      expect(param?.schema.examples ?? (param as { example?: unknown }).example, name).toBeDefined();
    }
    expect(doc.components.schemas.StockMovement).toBeDefined();
    expect(doc.components.schemas.StockMovementPage).toBeDefined();
    expect(doc.paths['/products/{id}/archive'].post).toBeDefined();
    expect(doc.paths['/products/{id}/stock-adjustments'].post.responses['409'].description).toContain('stock.insufficient');
    expect(doc.paths['/orders/{id}/confirm'].post.responses['409'].description).toContain('product.archived');
  });
});
