// The whole customer journey through the generated, typed client against the built server on
// a real port. `tsc` checks every body and every read of `data`/`error` against
// clients/typescript/schema.d.ts; the assertions check the values.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createOrdersClient, type Order, type OrdersClient, type Problem } from '../../clients/typescript/client.js';
import { ensureBuilt, startServer, type ServerProcess } from '../support/server-process.js';

/** The `data` of a success with exactly this status (else the problem's detail fails the test). */
const ok = <T>(result: { data?: T; error?: unknown; response: Response }, status: number): T => {
  expect(result.response.status, JSON.stringify(result.error)).toBe(status);
  if (result.data === undefined) throw new Error(`no body with ${result.response.status}`);
  return result.data;
};

/** The problem of a failure with exactly this status. */
const problem = <E extends Problem>(result: { error?: E; response: Response }, status: number): E => {
  expect(result.response.status).toBe(status);
  if (result.error === undefined) throw new Error(`expected a ${status} problem, got ${result.response.status}`);
  return result.error;
};

const etagOf = (response: Response) => response.headers.get('etag');

describe('the typed client (clients/typescript) against the real server', () => {
  const env: Record<string, string> = {};
  let server: ServerProcess;
  let admin: OrdersClient;
  let customer: OrdersClient;

  beforeAll(async () => {
    ensureBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'orders-client-'));
    Object.assign(env, { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'orders.sqlite')}` });
    server = await startServer(env);
    execFileSync(process.execPath, ['dist/src/cli.js', 'create-admin', '--email', 'admin@example.com', '--password', 'admin password 1'], {
      env: { ...process.env, ...env },
      stdio: 'pipe',
    });
    admin = createOrdersClient({ baseUrl: server.baseUrl });
    customer = createOrdersClient({ baseUrl: server.baseUrl });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('walks register → log in → browse → order → change items → confirm → read → cancel', async () => {
    // An admin stocks the catalog.
    ok(await admin.login('admin@example.com', 'admin password 1'), 200);
    const newProduct = async (sku: string, amount: string, currency: string, stock: number) =>
      ok(await admin.POST('/products', { body: { sku, name: `Product ${sku}`, price: { amount, currency }, stock } }), 201);
    const mug = await newProduct('MUG', '10.99', 'USD', 5);
    const tea = await newProduct('TEA', '2.5', 'USD', 100);
    const euro = await newProduct('EURO-PEN', '3', 'EUR', 10);
    expect(tea.price).toEqual({ amount: '2.50', currency: 'USD' });

    // A customer registers and logs in.
    const registered = await customer.POST('/users', { body: { email: 'Ada@Example.com', password: 'correct horse battery' } });
    const user = ok(registered, 201);
    expect(user).toMatchObject({ email: 'Ada@Example.com', role: 'customer', isActive: true });
    expect(registered.response.headers.get('location')).toBe(`/users/${user.id}`);
    const login = ok(await customer.login('ada@example.com', 'correct horse battery'), 200);
    expect(login.token_type).toBe('bearer');
    expect(login.expires_in).toBeGreaterThan(0);
    expect(ok(await customer.GET('/users/me'), 200).id).toBe(user.id);

    // Browsing: two pages of two, then the rest.
    const first = ok(await customer.GET('/products', { params: { query: { limit: 2 } } }), 200);
    expect(first.items.map((p) => p.sku)).toEqual(['MUG', 'TEA']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = ok(await customer.GET('/products', { params: { query: { limit: 2, cursor: first.nextCursor ?? '' } } }), 200);
    expect(second).toEqual({ items: [euro], nextCursor: null });
    expect(ok(await customer.GET('/products/{id}', { params: { path: { id: mug.id } } }), 200)).toEqual(mug);

    // An order, changed line by line; each change returns the order with a higher version and its ETag.
    const versions: number[] = [];
    const step = (order: Order, response: Response, total: string) => {
      expect(order.total).toEqual({ amount: total, currency: 'USD' });
      expect(etagOf(response)).toBe(`"${order.version}"`);
      versions.push(order.version);
      return order;
    };
    const created = await customer.POST('/orders', { body: { items: [{ productId: mug.id, quantity: 2 }] } });
    let order = step(ok(created, 201), created.response, '21.98');
    expect(order).toMatchObject({ status: 'pending', customerId: user.id });
    expect(created.response.headers.get('location')).toBe(`/orders/${order.id}`);
    const id = order.id;

    const addTea = await customer.POST('/orders/{id}/items', { params: { path: { id } }, body: { productId: tea.id, quantity: 3 } });
    step(ok(addTea, 200), addTea.response, '29.48');
    const addMug = await customer.POST('/orders/{id}/items', { params: { path: { id } }, body: { productId: mug.id, quantity: 1 } });
    order = step(ok(addMug, 200), addMug.response, '40.47');
    expect(order.items.map((i) => [i.productId, i.quantity, i.unitPrice.amount, i.lineTotal.amount])).toEqual([
      [mug.id, 3, '10.99', '32.97'],
      [tea.id, 3, '2.50', '7.50'],
    ]);
    const teaLine = order.items.find((i) => i.productId === tea.id)!;

    const mixed = problem(await customer.POST('/orders/{id}/items', { params: { path: { id } }, body: { productId: euro.id, quantity: 1 } }), 422);
    expect(mixed.errors?.length).toBeGreaterThan(0);

    const change = await customer.PATCH('/orders/{id}/items/{itemId}', {
      params: { path: { id, itemId: teaLine.id }, header: { 'if-match': `"${order.version}"` } },
      body: { quantity: 4 },
    });
    step(ok(change, 200), change.response, '42.97');
    const remove = await customer.DELETE('/orders/{id}/items/{itemId}', { params: { path: { id, itemId: teaLine.id } } });
    order = step(ok(remove, 200), remove.response, '32.97');
    expect(order.items).toHaveLength(1);

    // A stale If-Match is refused; the current one confirms, reserving stock.
    const stale = problem(await customer.POST('/orders/{id}/confirm', { params: { path: { id }, header: { 'if-match': '"1"' } } }), 412);
    expect(stale.status).toBe(412);
    const confirm = await customer.POST('/orders/{id}/confirm', { params: { path: { id }, header: { 'if-match': `"${order.version}"` } } });
    order = step(ok(confirm, 200), confirm.response, '32.97');
    expect(order.status).toBe('confirmed');
    expect(ok(await customer.GET('/products/{id}', { params: { path: { id: mug.id } } }), 200).stock).toBe(2);

    // Read back, alone and in the list.
    const read = await customer.GET('/orders/{id}', { params: { path: { id } } });
    expect(ok(read, 200)).toEqual(order);
    expect(etagOf(read.response)).toBe(`"${order.version}"`);
    const mine = ok(await customer.GET('/orders', { params: { query: { status: 'confirmed' } } }), 200);
    expect(mine.items.map((o) => o.id)).toEqual([id]);

    // Cancel: stock goes back; cancelled is final.
    const cancel = await customer.POST('/orders/{id}/cancel', { params: { path: { id } } });
    order = step(ok(cancel, 200), cancel.response, '32.97');
    expect(order.status).toBe('cancelled');
    expect(ok(await customer.GET('/products/{id}', { params: { path: { id: mug.id } } }), 200).stock).toBe(5);
    expect(problem(await customer.POST('/orders/{id}/cancel', { params: { path: { id } } }), 409).code).toEqual(expect.any(String));

    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('refuses what the contract refuses, at compile time', () => {
    expectTypeOf<Order['status']>().toEqualTypeOf<'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled'>();
    expectTypeOf<Order['total']['amount']>().toEqualTypeOf<string>();
    // Never called: these lines only have to (not) compile.
    const _unsent = () => [
      // @ts-expect-error money is a decimal string, never a JSON number
      admin.POST('/products', { body: { sku: 'X', name: 'X', price: { amount: 1, currency: 'USD' }, stock: 1 } }),
      // @ts-expect-error an order id is required in the path
      customer.GET('/orders/{id}', {}),
      // @ts-expect-error there is no such operation
      customer.DELETE('/orders/{id}', { params: { path: { id: 'x' } } }),
    ];
    expect(_unsent).toBeTypeOf('function');
  });
});
