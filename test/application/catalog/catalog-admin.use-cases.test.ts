import { describe, expect, it } from 'vitest';
import { AdjustStock } from '../../../src/application/catalog/adjust-stock.use-case.js';
import { ArchiveProduct } from '../../../src/application/catalog/archive-product.use-case.js';
import { ListProducts } from '../../../src/application/catalog/list-products.use-case.js';
import { ListStockMovements } from '../../../src/application/catalog/list-stock-movements.use-case.js';
import { UnarchiveProduct } from '../../../src/application/catalog/unarchive-product.use-case.js';
import { UpdateProduct } from '../../../src/application/catalog/update-product.use-case.js';
import { AddOrderItem } from '../../../src/application/orders/add-order-item.use-case.js';
import { CancelOrder } from '../../../src/application/orders/cancel-order.use-case.js';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import { CreateOrder } from '../../../src/application/orders/create-order.use-case.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { refused } from '../../support/refusal.js';
import { admin, aHarness, customer } from '../../support/use-case-harness.js';

const stock = { lowStockThreshold: 5 };

const setup = async () => {
  const h = aHarness();
  const mug = aProduct().withId('p-mug').withSku('MUG').withName('Mug').withStock(8).build();
  const tea = aProduct().withId('p-tea').withSku('TEA').withName('Tea').withStock(20).build();
  await h.seed(mug, tea);
  const ledger = async (productId: string) =>
    (await new ListStockMovements(h.deps).execute({ actor: admin, productId, limit: 100 })).items.map((m) => [m.kind, m.delta, m.stockAfter]);
  return { h, mug, tea, ledger, deps: { ...h.deps, stock } };
};

describe('ArchiveProduct / UnarchiveProduct', () => {
  it('archives once (one ProductArchived), keeps the product readable, and unarchives', async () => {
    const { h, mug } = await setup();
    const archive = new ArchiveProduct(h.deps);
    expect(await archive.execute({ actor: admin, productId: mug.id })).toMatchObject({ id: 'p-mug', status: 'archived', updatedAt: expect.any(String) });
    await archive.execute({ actor: admin, productId: mug.id });
    expect(h.uow.events).toEqual([
      expect.objectContaining({ type: 'ProductArchived', aggregateId: 'p-mug', payload: { productId: 'p-mug', sku: 'MUG', name: 'Mug', stock: 8 } }),
    ]);
    expect((await new ListProducts(h.deps).execute()).items.map((p) => p.id)).toEqual(['p-tea']);
    expect(await new UnarchiveProduct(h.deps).execute({ actor: admin, productId: mug.id })).toMatchObject({ status: 'active' });
    expect((await new ListProducts(h.deps).execute()).items.map((p) => p.id).sort()).toEqual(['p-mug', 'p-tea']);
  });

  it('is for admins (403) and answers 404 for an unknown product', async () => {
    const { h, mug } = await setup();
    expect((await refused(new ArchiveProduct(h.deps).execute({ actor: customer, productId: mug.id }))).code).toBe('auth.forbidden');
    expect((await refused(new UnarchiveProduct(h.deps).execute({ actor: customer, productId: mug.id }))).code).toBe('auth.forbidden');
    expect((await refused(new ArchiveProduct(h.deps).execute({ actor: admin, productId: 'ghost' }))).code).toBe('product.not_found');
    expect((await refused(new UnarchiveProduct(h.deps).execute({ actor: admin, productId: 'ghost' }))).code).toBe('product.not_found');
  });

  it('an archived product cannot be added to an order, nor confirmed in one (product.archived naming it)', async () => {
    const { h, mug, tea } = await setup();
    const order = anOrder().ownedBy(customer.userId).withItem(mug, 1).withItem(tea, 1).build();
    await h.seed(order);
    await new ArchiveProduct(h.deps).execute({ actor: admin, productId: mug.id });
    const empty = await new CreateOrder(h.deps).execute({ actor: customer });
    const add = await refused(new AddOrderItem(h.deps).execute({ actor: customer, orderId: empty.id, productId: mug.id, quantity: 1 }));
    expect(add).toMatchObject({ code: 'product.archived', details: { productIds: ['p-mug'] } });
    const create = await refused(new CreateOrder(h.deps).execute({ actor: customer, items: [{ productId: mug.id, quantity: 1 }] }));
    expect(create.code).toBe('product.archived');
    const confirm = await refused(new ConfirmOrder(h.deps).execute({ actor: customer, orderId: order.id }));
    expect(confirm).toMatchObject({ code: 'product.archived', details: { productIds: ['p-mug'] } });
    // Nothing was reserved: the tea's stock is untouched.
    expect(await h.stockOf(tea.id)).toBe(20);
  });
});

describe('AdjustStock', () => {
  it('adds and removes with a reason, writes an adjustment movement, refuses to go below zero', async () => {
    const { h, mug, ledger, deps } = await setup();
    const adjust = new AdjustStock(deps);
    expect(await adjust.execute({ actor: admin, productId: mug.id, delta: 4, reason: 'Delivery' })).toMatchObject({ id: 'p-mug', stock: 12 });
    const short = await refused(adjust.execute({ actor: admin, productId: mug.id, delta: -13, reason: 'Lost' }));
    expect(short).toMatchObject({ code: 'stock.insufficient', details: { productIds: ['p-mug'] } });
    expect(await h.stockOf(mug.id)).toBe(12);
    expect(await ledger(mug.id)).toEqual([['initial', 8, 8], ['adjustment', 4, 12]]);
  });

  it('422 for a zero or fractional delta and a bad reason; 404 unknown; 403 customer', async () => {
    const { h, mug, deps } = await setup();
    const adjust = new AdjustStock(deps);
    expect((await refused(adjust.execute({ actor: admin, productId: mug.id, delta: 0, reason: 'x' }))).issues[0]?.path).toBe('/delta');
    expect((await refused(adjust.execute({ actor: admin, productId: mug.id, delta: 1.5, reason: 'x' }))).issues[0]?.path).toBe('/delta');
    expect((await refused(adjust.execute({ actor: admin, productId: mug.id, delta: 1, reason: ' ' }))).issues[0]?.path).toBe('/reason');
    expect((await refused(adjust.execute({ actor: admin, productId: mug.id, delta: 1_000_000_000, reason: 'x' }))).issues[0]?.path).toBe('/delta');
    expect((await refused(adjust.execute({ actor: admin, productId: 'ghost', delta: 1, reason: 'x' }))).code).toBe('product.not_found');
    expect((await refused(adjust.execute({ actor: customer, productId: mug.id, delta: 1, reason: 'x' }))).code).toBe('auth.forbidden');
    expect(h.uow.events).toEqual([]);
  });
});

describe('StockLow', () => {
  it('is raised when an adjustment, a PATCH or a confirmation takes stock from above the threshold to at or below it', async () => {
    const { h, mug, tea, deps } = await setup();
    await new AdjustStock(deps).execute({ actor: admin, productId: mug.id, delta: -2, reason: 'Broken' }); // 8 → 6: not yet
    await new AdjustStock(deps).execute({ actor: admin, productId: mug.id, delta: -1, reason: 'Broken' }); // 6 → 5: low
    await new AdjustStock(deps).execute({ actor: admin, productId: mug.id, delta: -1, reason: 'Broken' }); // 5 → 4: already low
    await new UpdateProduct(deps).execute({ actor: admin, productId: tea.id, stock: 3 }); // 20 → 3: low
    await new UpdateProduct(deps).execute({ actor: admin, productId: tea.id, stock: 10 }); // back up
    const order = anOrder().ownedBy(customer.userId).withItem(tea, 6).build();
    await h.seed(order);
    await new ConfirmOrder(deps).execute({ actor: customer, orderId: order.id }); // 10 → 4: low
    const lows = h.uow.events.filter((e) => e.type === 'StockLow');
    expect(lows.map((e) => [e.aggregateId, e.payload['stock']])).toEqual([['p-mug', 5], ['p-tea', 3], ['p-tea', 4]]);
    expect(lows[0]?.payload).toEqual({ productId: 'p-mug', sku: 'MUG', name: 'Mug', stock: 5, threshold: 5 });
  });
});

describe('the ledger of orders', () => {
  it('confirmation and cancellation each write one movement per product, naming the order and the actor', async () => {
    const { h, mug, tea, deps } = await setup();
    const order = anOrder().ownedBy(customer.userId).withItem(mug, 2).withItem(tea, 1).build();
    await h.seed(order);
    await new ConfirmOrder(deps).execute({ actor: customer, orderId: order.id });
    await new CancelOrder(h.deps).execute({ actor: admin, orderId: order.id });
    const movements = (await new ListStockMovements(h.deps).execute({ actor: admin, productId: mug.id })).items;
    expect(movements.map((m) => [m.kind, m.delta, m.stockAfter, m.orderId, m.actorId])).toEqual([
      ['initial', 8, 8, null, null],
      ['order_confirmed', -2, 6, order.id, customer.userId],
      ['order_cancelled', 2, 8, order.id, admin.userId],
    ]);
  });

  it('lists movements for admins only, 404 for an unknown product', async () => {
    const { h, mug } = await setup();
    expect((await refused(new ListStockMovements(h.deps).execute({ actor: customer, productId: mug.id }))).code).toBe('auth.forbidden');
    expect((await refused(new ListStockMovements(h.deps).execute({ actor: admin, productId: 'ghost' }))).code).toBe('product.not_found');
  });
});

describe('ListProducts parameters', () => {
  it('status needs a token (auth.invalid_token) and the admin role (auth.forbidden)', async () => {
    const { h } = await setup();
    const list = new ListProducts(h.deps);
    expect((await refused(list.execute({ status: 'all' }))).code).toBe('auth.invalid_token');
    expect((await refused(list.execute({ status: 'all', actor: customer }))).code).toBe('auth.forbidden');
    expect((await list.execute({ status: 'all', actor: admin })).items).toHaveLength(2);
  });

  it('422 validation.invalid at /minPrice when minPrice is above maxPrice (an empty range is a mistake, not an empty page); equal bounds are fine', async () => {
    const { h } = await setup();
    const list = new ListProducts(h.deps);
    const error = await refused(list.execute({ minPrice: '10', maxPrice: '9.99', currency: 'USD' }));
    expect(error.code).toBe('validation.invalid');
    expect(error.issues).toEqual([{ path: 'minPrice', message: expect.stringContaining('maxPrice') }]);
    expect((await list.execute({ minPrice: '10', maxPrice: '10.00', currency: 'USD' })).items).toBeDefined();
  });

  it('422 at /q for a control character in q (stores keep name and SKU apart with one)', async () => {
    const { h } = await setup();
    expect((await refused(new ListProducts(h.deps).execute({ q: 'mug\u001fsku' }))).issues[0]?.path).toBe('q');
  });

  it('422 for a price bound without currency, a bad bound, an unknown sort, a cursor of another listing', async () => {
    const { h } = await setup();
    const list = new ListProducts(h.deps);
    expect((await refused(list.execute({ minPrice: '1' }))).issues[0]?.path).toBe('minPrice');
    expect((await refused(list.execute({ maxPrice: '1.001', currency: 'USD' }))).issues[0]?.path).toBe('maxPrice');
    expect((await refused(list.execute({ currency: 'XXX' }))).issues[0]?.path).toBe('currency');
    expect((await refused(list.execute({ sort: 'prise' }))).issues[0]?.path).toBe('sort');
    const first = await list.execute({ limit: 1, sort: 'name' });
    expect(first.nextCursor).toEqual(expect.any(String));
    expect((await list.execute({ limit: 1, sort: 'name', cursor: first.nextCursor })).items).toHaveLength(1);
    for (const other of [{ sort: 'price' }, { sort: 'name', q: 'mug' }, { sort: 'name', inStock: true }, {}]) {
      expect((await refused(list.execute({ ...other, limit: 1, cursor: first.nextCursor }))).issues[0]?.path).toBe('cursor');
    }
  });
});
