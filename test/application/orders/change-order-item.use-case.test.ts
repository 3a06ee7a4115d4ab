import { describe, expect, it } from 'vitest';
import { ChangeOrderItem } from '../../../src/application/orders/change-order-item.use-case.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';

const setup = async (status: 'pending' | 'confirmed' = 'pending') => {
  const h = aHarness();
  const product = aProduct().withPrice('1.25').build();
  const builder = anOrder().ownedBy(customer.userId).withItem(product, 2);
  const order = (status === 'confirmed' ? builder.confirmed() : builder).build();
  await h.seed(product, order);
  const itemId = order.items[0]?.id ?? '';
  return { h, order, itemId, change: new ChangeOrderItem(h.deps) };
};

describe('ChangeOrderItem', () => {
  it('sets the quantity and returns the new total and version', async () => {
    const { order, itemId, change } = await setup();
    const result = await change.execute({ actor: customer, orderId: order.id, itemId, quantity: 4 });
    expect(result).toMatchObject({ version: 2, items: [{ id: itemId, quantity: 4 }], total: { amount: '5.00', currency: 'USD' } });
  });

  it('answers order.item_not_found for an unknown item', async () => {
    const { order, change } = await setup();
    await expect(change.execute({ actor: customer, orderId: order.id, itemId: 'nope', quantity: 1 })).rejects.toMatchObject({
      code: 'order.item_not_found',
    });
  });

  it('refuses a bad quantity at /quantity', async () => {
    const { order, itemId, change } = await setup();
    await expect(change.execute({ actor: customer, orderId: order.id, itemId, quantity: 0 })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: '/quantity' })],
    });
  });

  it('refuses a non-pending order', async () => {
    const { order, itemId, change } = await setup('confirmed');
    await expect(change.execute({ actor: customer, orderId: order.id, itemId, quantity: 1 })).rejects.toMatchObject({
      code: 'order.not_pending',
    });
  });

  it('hides the order from another customer and forbids a non-owner admin', async () => {
    const { order, itemId, change } = await setup();
    await expect(change.execute({ actor: otherCustomer, orderId: order.id, itemId, quantity: 1 })).rejects.toMatchObject({
      code: 'order.not_found',
    });
    await expect(change.execute({ actor: admin, orderId: order.id, itemId, quantity: 1 })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
  });

  it('refuses a stale expected version', async () => {
    const { order, itemId, change } = await setup();
    await change.execute({ actor: customer, orderId: order.id, itemId, quantity: 3, expectedVersion: 1 });
    await expect(
      change.execute({ actor: customer, orderId: order.id, itemId, quantity: 5, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'order.version_mismatch' });
  });
});
