import { describe, expect, it } from 'vitest';
import { CancelOrder } from '../../../src/application/orders/cancel-order.use-case.js';
import { DeliverOrder } from '../../../src/application/orders/deliver-order.use-case.js';
import { GetOrderHistory } from '../../../src/application/orders/get-order-history.use-case.js';
import { ShipOrder } from '../../../src/application/orders/ship-order.use-case.js';
import type { OrderShipped } from '../../../src/domain/orders/order-events.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer, T0 } from '../../support/use-case-harness.js';

const setup = async (status: 'pending' | 'confirmed' = 'confirmed') => {
  const h = aHarness();
  const mug = aProduct().withStock(5).build();
  const builder = anOrder().ownedBy(customer.userId).withItem(mug, 2);
  const order = (status === 'confirmed' ? builder.confirmed() : builder).build();
  await h.seed(mug, order);
  return { h, mug, order, ship: new ShipOrder(h.deps), deliver: new DeliverOrder(h.deps), cancel: new CancelOrder(h.deps), history: new GetOrderHistory(h.deps) };
};

describe('ShipOrder', () => {
  it('an admin ships a confirmed order: shipment, OrderShipped and its history event commit together', async () => {
    const { h, order, ship, history } = await setup();
    const shipped = await ship.execute({ actor: admin, orderId: order.id, carrier: 'DHL', trackingNumber: 'JD0146' });
    expect(shipped).toMatchObject({
      status: 'shipped',
      version: 2,
      shipment: { carrier: 'DHL', trackingNumber: 'JD0146', shippedAt: T0.toISOString(), deliveredAt: null },
      allowedActions: ['deliver'],
    });
    const [event] = h.uow.events as [OrderShipped];
    expect(event).toMatchObject({ type: 'OrderShipped', aggregateId: order.id, payload: { carrier: 'DHL', trackingNumber: 'JD0146', customerId: customer.userId } });
    expect((await history.execute({ actor: customer, orderId: order.id })).items).toEqual([
      { at: T0.toISOString(), type: 'shipped', actor: { id: admin.userId, role: 'admin' }, version: 2, carrier: 'DHL', trackingNumber: 'JD0146' },
    ]);
  });

  it('refuses a customer (403), even the owner; an unknown order is 404 for an admin', async () => {
    const { ship } = await setup();
    const { order } = await setup();
    await expect(ship.execute({ actor: customer, orderId: order.id })).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(ship.execute({ actor: otherCustomer, orderId: order.id })).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(ship.execute({ actor: admin, orderId: 'nope' })).rejects.toMatchObject({ code: 'order.not_found' });
  });

  it('409 order.not_confirmed for a pending order, changing nothing', async () => {
    const { h, order, ship } = await setup('pending');
    await expect(ship.execute({ actor: admin, orderId: order.id })).rejects.toMatchObject({ code: 'order.not_confirmed' });
    expect((await h.storedOrder(order.id))?.status).toBe('pending');
    expect(h.uow.events).toEqual([]);
    expect(h.uow.store.orderHistory.size).toBe(0);
  });

  it('honours If-Match: a stale version → order.version_mismatch', async () => {
    const { order, ship } = await setup();
    await expect(ship.execute({ actor: admin, orderId: order.id, expectedVersion: 7 })).rejects.toMatchObject({ code: 'order.version_mismatch' });
  });

  it('an Idempotency-Key retry returns the first answer and ships once', async () => {
    const { h, order, ship } = await setup();
    const idempotency = { userId: admin.userId, key: 'k-1', fingerprint: 'f-1' };
    const first = await ship.execute({ actor: admin, orderId: order.id, carrier: 'DHL', idempotency });
    const again = await ship.execute({ actor: admin, orderId: order.id, carrier: 'DHL', idempotency });
    expect(again).toEqual(first);
    expect(h.uow.events.map((e) => e.type)).toEqual(['OrderShipped']);
  });
});

describe('DeliverOrder', () => {
  it('delivers a shipped order; cancelling it afterwards is 409 order.already_shipped', async () => {
    const { h, order, ship, deliver, cancel } = await setup();
    await ship.execute({ actor: admin, orderId: order.id });
    h.clock.advance(60_000);
    const delivered = await deliver.execute({ actor: admin, orderId: order.id });
    expect(delivered).toMatchObject({
      status: 'delivered',
      version: 3,
      allowedActions: [],
      shipment: { carrier: null, trackingNumber: null, shippedAt: T0.toISOString(), deliveredAt: new Date(T0.getTime() + 60_000).toISOString() },
    });
    expect(h.uow.events.map((e) => e.type)).toEqual(['OrderShipped', 'OrderDelivered']);
    await expect(cancel.execute({ actor: customer, orderId: order.id })).rejects.toMatchObject({ code: 'order.already_shipped' });
    await expect(cancel.execute({ actor: admin, orderId: order.id })).rejects.toMatchObject({ code: 'order.already_shipped' });
  });

  it('409 order.not_shipped for a confirmed order; 403 for a customer', async () => {
    const { order, deliver } = await setup();
    await expect(deliver.execute({ actor: admin, orderId: order.id })).rejects.toMatchObject({ code: 'order.not_shipped' });
    await expect(deliver.execute({ actor: customer, orderId: order.id })).rejects.toMatchObject({ code: 'auth.forbidden' });
  });

  it('a shipped order cannot be cancelled and keeps its stock reserved', async () => {
    const { h, mug, order, ship, cancel } = await setup();
    const before = await h.stockOf(mug.id);
    await ship.execute({ actor: admin, orderId: order.id });
    await expect(cancel.execute({ actor: admin, orderId: order.id })).rejects.toMatchObject({ code: 'order.already_shipped' });
    expect(await h.stockOf(mug.id)).toBe(before);
  });
});
