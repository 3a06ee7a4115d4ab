import { describe, expect, it } from 'vitest';
import { AddOrderItem } from '../../../src/application/orders/add-order-item.use-case.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer, T0 } from '../../support/use-case-harness.js';

const setup = async (status: 'pending' | 'confirmed' = 'pending') => {
  const h = aHarness();
  const product = aProduct().withPrice('3.00').build();
  const pending = anOrder().ownedBy(customer.userId);
  const order = (status === 'confirmed' ? pending.withItem(product).confirmed() : pending).build();
  await h.seed(product, order);
  return { h, product, order, add: new AddOrderItem(h.deps) };
};

describe('AddOrderItem', () => {
  it('adds a line at the product’s current price and bumps the version', async () => {
    const { h, product, order, add } = await setup();
    h.clock.advance(60_000);
    const result = await add.execute({ actor: customer, orderId: order.id, productId: product.id, quantity: 2 });

    expect(result).toMatchObject({
      version: 2,
      items: [{ productId: product.id, quantity: 2, unitPrice: { amount: '3.00', currency: 'USD' } }],
      total: { amount: '6.00', currency: 'USD' },
      updatedAt: new Date(T0.getTime() + 60_000).toISOString(),
    });
    expect((await h.storedOrder(order.id))?.version).toBe(2);
  });

  it('adds to the existing line for the same product', async () => {
    const { product, order, add } = await setup();
    await add.execute({ actor: customer, orderId: order.id, productId: product.id, quantity: 2 });
    const result = await add.execute({ actor: customer, orderId: order.id, productId: product.id, quantity: 3 });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]?.quantity).toBe(5);
    expect(result.version).toBe(3);
  });

  it('answers product.not_found for an unknown product', async () => {
    const { order, add } = await setup();
    await expect(add.execute({ actor: customer, orderId: order.id, productId: 'ghost', quantity: 1 })).rejects.toMatchObject({
      code: 'product.not_found',
      details: { productId: 'ghost' },
    });
  });

  it('answers order.not_found to another customer', async () => {
    const { product, order, add } = await setup();
    await expect(
      add.execute({ actor: otherCustomer, orderId: order.id, productId: product.id, quantity: 1 }),
    ).rejects.toMatchObject({ code: 'order.not_found' });
  });

  it('forbids an admin who is not the owner', async () => {
    const { product, order, add } = await setup();
    await expect(add.execute({ actor: admin, orderId: order.id, productId: product.id, quantity: 1 })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
  });

  it('refuses a confirmed order', async () => {
    const { product, order, add } = await setup('confirmed');
    await expect(add.execute({ actor: customer, orderId: order.id, productId: product.id, quantity: 1 })).rejects.toMatchObject({
      code: 'order.not_pending',
    });
  });

  it('refuses a product in another currency', async () => {
    const { h, product, order, add } = await setup();
    await add.execute({ actor: customer, orderId: order.id, productId: product.id, quantity: 1 });
    const yen = aProduct().withPrice('100', 'JPY').build();
    await h.seed(yen);
    await expect(add.execute({ actor: customer, orderId: order.id, productId: yen.id, quantity: 1 })).rejects.toMatchObject({
      code: 'order.currency_mismatch',
      issues: [expect.objectContaining({ path: '/productId' })],
    });
  });

  it('refuses a bad quantity at /quantity', async () => {
    const { product, order, add } = await setup();
    await expect(
      add.execute({ actor: customer, orderId: order.id, productId: product.id, quantity: 10_001 }),
    ).rejects.toMatchObject({ code: 'validation.invalid', issues: [expect.objectContaining({ path: '/quantity' })] });
  });

  it('applies only to the expected version', async () => {
    const { h, product, order, add } = await setup();
    await expect(
      add.execute({ actor: customer, orderId: order.id, productId: product.id, quantity: 1, expectedVersion: 7 }),
    ).rejects.toMatchObject({ code: 'order.version_mismatch', details: { currentVersion: 1 } });
    expect((await h.storedOrder(order.id))?.items).toHaveLength(0);

    const result = await add.execute({ actor: customer, orderId: order.id, productId: product.id, quantity: 1, expectedVersion: 1 });
    expect(result.version).toBe(2);
  });
});
