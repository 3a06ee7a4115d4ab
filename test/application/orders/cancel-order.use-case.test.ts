import { describe, expect, it } from 'vitest';
import { CancelOrder } from '../../../src/application/orders/cancel-order.use-case.js';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import type { OrderCancelled } from '../../../src/domain/orders/order-events.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';

const setup = async () => {
  const h = aHarness();
  const mug = aProduct().withStock(5).build();
  const order = anOrder().ownedBy(customer.userId).withItem(mug, 2).build();
  await h.seed(mug, order);
  return { h, mug, order, cancel: new CancelOrder(h.deps), confirm: new ConfirmOrder(h.deps) };
};

describe('CancelOrder', () => {
  it('cancels a pending order without touching stock', async () => {
    const { h, mug, order, cancel } = await setup();
    const result = await cancel.execute({ actor: customer, orderId: order.id });
    expect(result).toMatchObject({ status: 'cancelled', version: 2 });
    expect(await h.stockOf(mug.id)).toBe(5);
    expect((h.uow.events[0] as OrderCancelled).payload.previousStatus).toBe('pending');
  });

  it('releases the stock of a confirmed order', async () => {
    const { h, mug, order, cancel, confirm } = await setup();
    await confirm.execute({ actor: customer, orderId: order.id });
    expect(await h.stockOf(mug.id)).toBe(3);

    const result = await cancel.execute({ actor: customer, orderId: order.id });

    expect(result).toMatchObject({ status: 'cancelled', version: 3 });
    expect(await h.stockOf(mug.id)).toBe(5);
    expect(h.uow.events.map((e) => e.type)).toEqual(['OrderConfirmed', 'OrderCancelled']);
    expect((h.uow.events[1] as OrderCancelled).payload.previousStatus).toBe('confirmed');
  });

  it('lets an admin cancel anyone’s order', async () => {
    const { order, cancel } = await setup();
    expect((await cancel.execute({ actor: admin, orderId: order.id })).status).toBe('cancelled');
  });

  it('hides the order from another customer', async () => {
    const { order, cancel } = await setup();
    await expect(cancel.execute({ actor: otherCustomer, orderId: order.id })).rejects.toMatchObject({ code: 'order.not_found' });
  });

  it('refuses to cancel twice, releasing nothing more', async () => {
    const { h, mug, order, cancel, confirm } = await setup();
    await confirm.execute({ actor: customer, orderId: order.id });
    await cancel.execute({ actor: customer, orderId: order.id });
    await expect(cancel.execute({ actor: customer, orderId: order.id })).rejects.toMatchObject({
      code: 'order.already_cancelled',
    });
    expect(await h.stockOf(mug.id)).toBe(5);
  });

  it('refuses a stale expected version', async () => {
    const { order, cancel } = await setup();
    await expect(cancel.execute({ actor: customer, orderId: order.id, expectedVersion: 0 })).rejects.toMatchObject({
      code: 'order.version_mismatch',
    });
  });
});
