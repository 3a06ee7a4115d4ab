import { describe, expect, it } from 'vitest';
import { RemoveOrderItem } from '../../../src/application/orders/remove-order-item.use-case.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';

const setup = async (status: 'pending' | 'cancelled' = 'pending') => {
  const h = aHarness();
  const product = aProduct().withPrice('1.000', 'KWD').build();
  const builder = anOrder().ownedBy(customer.userId).withItem(product, 2);
  const order = (status === 'cancelled' ? builder.cancelled() : builder).build();
  await h.seed(product, order);
  const itemId = order.items[0]?.id ?? '';
  return { order, itemId, remove: new RemoveOrderItem(h.deps) };
};

describe('RemoveOrderItem', () => {
  it('removes the line; the emptied order totals zero in its currency', async () => {
    const { order, itemId, remove } = await setup();
    const result = await remove.execute({ actor: customer, orderId: order.id, itemId });
    expect(result).toMatchObject({ version: 2, items: [], total: { amount: '0.000', currency: 'KWD' } });
  });

  it('answers order.item_not_found for an unknown item', async () => {
    const { order, remove } = await setup();
    await expect(remove.execute({ actor: customer, orderId: order.id, itemId: 'nope' })).rejects.toMatchObject({
      code: 'order.item_not_found',
    });
  });

  it('refuses a cancelled order', async () => {
    const { order, itemId, remove } = await setup('cancelled');
    await expect(remove.execute({ actor: customer, orderId: order.id, itemId })).rejects.toMatchObject({
      code: 'order.not_pending',
    });
  });

  it('hides the order from another customer and forbids a non-owner admin', async () => {
    const { order, itemId, remove } = await setup();
    await expect(remove.execute({ actor: otherCustomer, orderId: order.id, itemId })).rejects.toMatchObject({
      code: 'order.not_found',
    });
    await expect(remove.execute({ actor: admin, orderId: order.id, itemId })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
  });
});
