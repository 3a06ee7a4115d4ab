import { describe, expect, it } from 'vitest';
import { GetOrder } from '../../../src/application/orders/get-order.use-case.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';

const setup = async () => {
  const h = aHarness();
  const product = aProduct().withPrice('2.50').build();
  const order = anOrder().ownedBy(customer.userId).withItem(product, 2).build();
  await h.seed(product, order);
  return { h, order, get: new GetOrder(h.deps) };
};

describe('GetOrder', () => {
  it('shows the owner their order', async () => {
    const { order, get } = await setup();
    expect(await get.execute({ actor: customer, orderId: order.id })).toMatchObject({
      id: order.id,
      status: 'pending',
      total: { amount: '5.00', currency: 'USD' },
      version: 1,
    });
  });

  it('shows an admin anyone’s order', async () => {
    const { order, get } = await setup();
    expect((await get.execute({ actor: admin, orderId: order.id })).id).toBe(order.id);
  });

  it('answers order.not_found to another customer, exactly as for a missing order', async () => {
    const { order, get } = await setup();
    const hidden = await get.execute({ actor: otherCustomer, orderId: order.id }).catch((e: unknown) => e);
    const missing = await get.execute({ actor: otherCustomer, orderId: 'missing' }).catch((e: unknown) => e);
    expect(hidden).toMatchObject({ code: 'order.not_found', message: 'no such order' });
    expect(missing).toMatchObject({ code: 'order.not_found', message: 'no such order' });
  });
});
