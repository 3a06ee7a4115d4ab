import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;
type Headers = Record<string, string>;

describe.each(sqlTargets)('products over HTTP on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let customer: Headers;
  let n = 0;
  const sku = () => `SKU-${++n}`;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
    admin = (await adminAndLogin(t)).auth;
    customer = (await registerAndLogin(t.app, 'customer@example.com')).auth;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const inject = (o: InjectOptions) => t.app.inject(o);
  const create = (payload: Record<string, unknown>, headers: Headers = admin) => inject({ method: 'POST', url: '/products', headers, payload });
  const aProduct = (overrides: Record<string, unknown> = {}) => ({
    sku: sku(),
    name: 'Blue mug',
    price: { amount: '10.99', currency: 'USD' },
    stock: 5,
    ...overrides,
  });
  const expect422At = async (res: Awaited<ReturnType<typeof inject>>, path: string) => {
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.any(String) })]));
  };

  describe('POST /products', () => {
    it('creates a product: 201, Location, exactly the contract fields, unsettable fields ignored', async () => {
      const res = await create({ ...aProduct({ sku: 'Mug-Blue-1' }), id: 'mine', createdAt: '2000-01-01T00:00:00Z', stock: 7 });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(res.headers.location).toBe(`/products/${body.id}`);
      expect(body).toEqual({
        id: expect.any(String),
        sku: 'Mug-Blue-1',
        name: 'Blue mug',
        description: '',
        status: 'active',
        price: { amount: '10.99', currency: 'USD' },
        stock: 7,
        createdAt: expect.any(String),
        updatedAt: body.createdAt,
      });
      expect(body.id).not.toBe('mine');
      expect(body.createdAt).not.toBe('2000-01-01T00:00:00.000Z');
      expect((await inject({ method: 'GET', url: res.headers.location! })).json()).toEqual(body);
    });

    it.each([
      ['"10" USD', { amount: '10', currency: 'USD' }, { amount: '10.00', currency: 'USD' }],
      ['"10.5" USD', { amount: '10.5', currency: 'USD' }, { amount: '10.50', currency: 'USD' }],
      ['"0" USD (free)', { amount: '0', currency: 'USD' }, { amount: '0.00', currency: 'USD' }],
      ['"1500" JPY (no minor digits)', { amount: '1500', currency: 'JPY' }, { amount: '1500', currency: 'JPY' }],
      ['"1.5" KWD (three minor digits)', { amount: '1.5', currency: 'KWD' }, { amount: '1.500', currency: 'KWD' }],
      ['"0.125" KWD', { amount: '0.125', currency: 'KWD' }, { amount: '0.125', currency: 'KWD' }],
      ['a large amount, exactly', { amount: '99999999999.99', currency: 'EUR' }, { amount: '99999999999.99', currency: 'EUR' }],
    ])('answers money with exactly the currency’s minor digits: %s', async (_label, price, expected) => {
      const res = await create(aProduct({ price }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().price).toEqual(expected);
    });

    it.each([
      ['too many decimals for USD (never rounded)', { amount: '10.999', currency: 'USD' }, '/price/amount'],
      ['any decimals for JPY', { amount: '1.5', currency: 'JPY' }, '/price/amount'],
      ['four decimals for KWD', { amount: '1.2345', currency: 'KWD' }, '/price/amount'],
      ['a JSON number', { amount: 10.99, currency: 'USD' }, '/price/amount'],
      ['a negative amount', { amount: '-1.00', currency: 'USD' }, '/price/amount'],
      ['an exponent', { amount: '1e3', currency: 'USD' }, '/price/amount'],
      ['a comma', { amount: '10,99', currency: 'USD' }, '/price/amount'],
      ['an empty amount', { amount: '', currency: 'USD' }, '/price/amount'],
      ['an absurdly large amount', { amount: '1000000000000000000', currency: 'USD' }, '/price/amount'],
      ['an unknown currency', { amount: '1.00', currency: 'XYZ' }, '/price/currency'],
      ['a lower-case currency', { amount: '1.00', currency: 'usd' }, '/price/currency'],
      ['a missing currency', { amount: '1.00' }, '/price/currency'],
    ])('422 for a price with %s, naming the field', async (_label, price, path) => {
      const payload = aProduct({ price });
      await expect422At(await create(payload), path);
      const all = (await inject({ method: 'GET', url: '/products?limit=100' })).json().items as { sku: string }[];
      expect(all.map((p) => p.sku)).not.toContain(payload.sku);
    });

    it.each([
      ['a negative stock', { stock: -1 }, '/stock'],
      ['a fractional stock', { stock: 1.5 }, '/stock'],
      ['a string stock', { stock: '5' }, '/stock'],
      ['a missing stock', { stock: undefined }, '/stock'],
      ['a blank name', { name: '   ' }, '/name'],
      ['a missing name', { name: undefined }, '/name'],
      ['a sku with spaces', { sku: 'has space' }, '/sku'],
      ['an empty sku', { sku: '' }, '/sku'],
      ['a missing price', { price: undefined }, '/price'],
    ])('422 for %s', async (_label, overrides, path) => {
      await expect422At(await create(aProduct(overrides)), path);
    });

    it('409 when the sku is taken, case-insensitively', async () => {
      expect((await create(aProduct({ sku: 'Lamp-42' }))).statusCode).toBe(201);
      const res = await create(aProduct({ sku: 'LAMP-42' }));
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.json()).toMatchObject({ status: 409, code: 'product.sku_taken', title: expect.any(String), detail: expect.any(String) });
    });

    it('401 with WWW-Authenticate when anonymous, 403 for a customer; nothing is created', async () => {
      const anonymous = await create(aProduct({ sku: 'Nope-1' }), {});
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
      const forbidden = await create(aProduct({ sku: 'Nope-2' }), customer);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.headers['content-type']).toMatch(PROBLEM);
      const skus = ((await inject({ method: 'GET', url: '/products?limit=100' })).json().items as { sku: string }[]).map((p) => p.sku);
      expect(skus).not.toContain('Nope-1');
      expect(skus).not.toContain('Nope-2');
    });

    it('400 for malformed JSON, 415 for another content type', async () => {
      const bad = await inject({ method: 'POST', url: '/products', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"sku":' });
      expect(bad.statusCode).toBe(400);
      const text = await inject({ method: 'POST', url: '/products', headers: { ...admin, 'content-type': 'text/plain' }, payload: 'sku' });
      expect(text.statusCode).toBe(415);
    });
  });

  describe('GET /products and /products/{id}', () => {
    it('anyone reads a product; an unknown id is 404', async () => {
      const created = (await create(aProduct())).json();
      const res = await inject({ method: 'GET', url: `/products/${created.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(created);
      const missing = await inject({ method: 'GET', url: '/products/00000000-0000-7000-8000-000000000000' });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(PROBLEM);
    });

    it('pages through the catalog oldest first: default 20, nextCursor until the last page', async () => {
      for (let i = 0; i < 25; i++) expect((await create(aProduct())).statusCode).toBe(201);
      const first = await inject({ method: 'GET', url: '/products' });
      expect(first.statusCode).toBe(200);
      expect(first.json().items).toHaveLength(20);
      expect(first.json().nextCursor).toEqual(expect.any(String));

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = cursor === null ? '/products?limit=7' : `/products?limit=7&cursor=${cursor}`;
        const page = (await inject({ method: 'GET', url })).json() as { items: { id: string }[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(seen);
      expect(seen.length).toBeGreaterThanOrEqual(25);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=not-a-cursor!', 'cursor'],
      ['cursor=Zm9 (not canonical)', 'cursor'],
    ])('422 for ?%s', async (query, field) => {
      const res = await inject({ method: 'GET', url: `/products?${query.split(' ')[0]}` });
      expect(res.statusCode).toBe(422);
      expect(JSON.stringify(res.json().errors)).toContain(field);
    });
  });

  describe('PATCH /products/{id}', () => {
    it('changes name, price and stock; absent fields stay; sku and id cannot be set', async () => {
      const created = (await create(aProduct({ sku: 'Patch-1', stock: 3 }))).json();
      const url = `/products/${created.id}`;
      const res = await inject({ method: 'PATCH', url, headers: admin, payload: { price: { amount: '12', currency: 'EUR' }, sku: 'Other', id: 'x' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ...created, price: { amount: '12.00', currency: 'EUR' }, updatedAt: expect.any(String) });
      const both = await inject({ method: 'PATCH', url, headers: admin, payload: { name: 'Green mug', stock: 0 } });
      expect(both.json()).toMatchObject({ name: 'Green mug', stock: 0, sku: 'Patch-1', price: { amount: '12.00', currency: 'EUR' } });
      expect((await inject({ method: 'GET', url })).json()).toEqual(both.json());
    });

    it('404 for an unknown product, 422 for bad fields, 403 for a customer, 401 anonymous', async () => {
      const created = (await create(aProduct())).json();
      const url = `/products/${created.id}`;
      expect((await inject({ method: 'PATCH', url: '/products/nope', headers: admin, payload: { name: 'x' } })).statusCode).toBe(404);
      await expect422At(await inject({ method: 'PATCH', url, headers: admin, payload: { price: { amount: '1.001', currency: 'USD' } } }), '/price/amount');
      await expect422At(await inject({ method: 'PATCH', url, headers: admin, payload: { stock: -5 } }), '/stock');
      await expect422At(await inject({ method: 'PATCH', url, headers: admin, payload: { name: '' } }), '/name');
      expect((await inject({ method: 'PATCH', url, headers: customer, payload: { stock: 1000 } })).statusCode).toBe(403);
      expect((await inject({ method: 'PATCH', url, payload: { stock: 1000 } })).statusCode).toBe(401);
      expect((await inject({ method: 'GET', url })).json()).toEqual(created);
    });
  });

  it('documents every catalog operation in OpenAPI', async () => {
    const doc = (await inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.paths['/products'].post.operationId).toBe('createProduct');
    expect(doc.paths['/products'].get.operationId).toBe('listProducts');
    expect(doc.paths['/products/{id}'].get.operationId).toBe('getProduct');
    expect(doc.paths['/products/{id}'].patch.operationId).toBe('updateProduct');
    expect(Object.keys(doc.paths['/products'].post.responses)).toEqual(expect.arrayContaining(['201', '401', '403', '409', '422']));
  });
});
