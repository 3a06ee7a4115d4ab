import { describe, expect, it } from 'vitest';
import { UpdateProduct } from '../../../src/application/catalog/update-product.use-case.js';
import { CreateProduct } from '../../../src/application/catalog/create-product.use-case.js';
import { AddOrderItem } from '../../../src/application/orders/add-order-item.use-case.js';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import { GetOrder } from '../../../src/application/orders/get-order.use-case.js';
import { ListOrders } from '../../../src/application/orders/list-orders.use-case.js';
import { ORDER_STATUSES } from '../../../src/domain/orders/order-status.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { refused } from '../../support/refusal.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';

const setup = async () => {
  const h = aHarness();
  const product = aProduct().withStock(1).build();
  const order = anOrder().ownedBy(customer.userId).withItem(product, 2).build();
  await h.seed(product, order);
  return { h, product, order };
};

describe('order refusals name what the client needs, and explain themselves', () => {
  it('a missing or hidden order names the orderId', async () => {
    const { h, order } = await setup();
    const hidden = await refused(new GetOrder(h.deps).execute({ actor: otherCustomer, orderId: order.id }));
    expect(hidden).toMatchObject({ code: 'order.not_found', details: { orderId: order.id } });
    const missing = await refused(new GetOrder(h.deps).execute({ actor: admin, orderId: 'order-x' }));
    expect(missing).toMatchObject({ code: 'order.not_found', details: { orderId: 'order-x' } });
  });

  it('a non-owner admin is forbidden from changing the contents', async () => {
    const { h, order, product } = await setup();
    const error = await refused(new AddOrderItem(h.deps).execute({ actor: admin, orderId: order.id, productId: product.id, quantity: 1 }));
    expect(error.code).toBe('auth.forbidden');
  });

  it('a stale version names the current one', async () => {
    const { h, order } = await setup();
    const error = await refused(new ConfirmOrder(h.deps).execute({ actor: customer, orderId: order.id, expectedVersion: 9 }));
    expect(error).toMatchObject({ code: 'order.version_mismatch', details: { currentVersion: 1 } });
  });

  it('a shortage names the short products', async () => {
    const { h, order, product } = await setup();
    const error = await refused(new ConfirmOrder(h.deps).execute({ actor: customer, orderId: order.id }));
    expect(error).toMatchObject({ code: 'stock.insufficient', details: { productIds: [product.id] } });
  });

  it('an unknown product names the productId', async () => {
    const { h, order } = await setup();
    const error = await refused(new AddOrderItem(h.deps).execute({ actor: customer, orderId: order.id, productId: 'ghost', quantity: 1 }));
    expect(error).toMatchObject({ code: 'product.not_found', details: { productId: 'ghost' } });
  });

  it('an unknown status filter is refused at status, listing the statuses there are', async () => {
    const { h } = await setup();
    const error = await refused(new ListOrders(h.deps).execute({ actor: customer, status: 'lost' }));
    expect(error.issues.map((i) => i.path)).toEqual(['status']);
    expect(error.issues[0]?.message).toContain(ORDER_STATUSES.join(', '));
  });
});

describe('catalog refusals explain themselves', () => {
  it('a customer managing the catalog is auth.forbidden', async () => {
    const { h, product } = await setup();
    expect((await refused(new UpdateProduct(h.deps).execute({ actor: customer, productId: product.id, stock: 1 }))).code).toBe('auth.forbidden');
    const create = new CreateProduct(h.deps).execute({ actor: customer, sku: 'S', name: 'N', price: { amount: '1', currency: 'USD' }, stock: 1 });
    expect((await refused(create)).code).toBe('auth.forbidden');
  });

  it('a bad price in an update is refused under /price', async () => {
    const { h, product } = await setup();
    const error = await refused(new UpdateProduct(h.deps).execute({ actor: admin, productId: product.id, price: { amount: '1.001', currency: 'USD' } }));
    expect(error.issues.map((i) => i.path)).toEqual(['/price/amount']);
    const currency = await refused(new UpdateProduct(h.deps).execute({ actor: admin, productId: product.id, price: { amount: '1', currency: 'usd' } }));
    expect(currency.issues.map((i) => i.path)).toEqual(['/price/currency']);
  });

  it('an unknown product is product.not_found', async () => {
    const { h } = await setup();
    const error = await refused(new UpdateProduct(h.deps).execute({ actor: admin, productId: 'ghost', name: 'X' }));
    expect(error).toMatchObject({ code: 'product.not_found', details: { productId: 'ghost' } });
  });
});
