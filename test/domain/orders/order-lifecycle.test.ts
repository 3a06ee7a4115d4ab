import { describe, expect, it } from 'vitest';
import { Order } from '../../../src/domain/orders/order.aggregate.js';
import { ADMIN_VIEWER, type OrderViewer } from '../../../src/domain/orders/order-actions.js';
import type { OrderDelivered, OrderShipped } from '../../../src/domain/orders/order-events.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { refusal } from '../../support/refusal.js';

const T0 = new Date('2025-02-01T00:00:00.000Z');
const T1 = new Date('2025-02-02T00:00:00.000Z');
const T2 = new Date('2025-02-03T00:00:00.000Z');
const mug = aProduct().withId('p-mug').withName('Mug').withPrice('4.25').build();

/** A stored order (changes and events already pulled) in the given status. */
const orderIn = (status: 'pending' | 'pending-empty' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled'): Order => {
  const order = Order.create({ id: 'order-1', customerId: 'customer-1', now: T0 });
  if (status !== 'pending-empty') order.addItem({ itemId: 'item-1', product: mug, quantity: 2, now: T0 });
  if (['confirmed', 'shipped', 'delivered'].includes(status)) order.confirm(T0);
  if (['shipped', 'delivered'].includes(status)) order.ship({ carrier: 'DHL', trackingNumber: 'TN-1' }, T0);
  if (status === 'delivered') order.deliver(T0);
  if (status === 'cancelled') order.cancel(T0);
  order.pullEvents();
  return Order.restore({ ...snapshot(order) });
};

const snapshot = (order: Order) => ({
  id: order.id,
  customerId: order.customerId,
  status: order.status,
  currency: order.currency,
  version: 3,
  createdAt: order.createdAt,
  updatedAt: order.updatedAt,
  confirmedAt: order.confirmedAt,
  shipment: order.shipment,
  items: order.items.map((i) => i.toProps()),
});

describe('Order.ship and Order.deliver', () => {
  it('ships a confirmed order with carrier and tracking number, raising OrderShipped and recording the change', () => {
    const order = orderIn('confirmed');
    order.ship({ carrier: 'DHL', trackingNumber: 'JD0146' }, T1);
    expect(order.status).toBe('shipped');
    expect(order.updatedAt).toEqual(T1);
    expect(order.shipment).toEqual({ carrier: 'DHL', trackingNumber: 'JD0146', shippedAt: T1, deliveredAt: null });
    expect(order.pullChange()).toEqual({ type: 'shipped', carrier: 'DHL', trackingNumber: 'JD0146' });
    expect(order.pullEvents()).toEqual([
      {
        type: 'OrderShipped',
        occurredAt: T1,
        aggregateId: 'order-1',
        payload: {
          orderId: 'order-1',
          customerId: 'customer-1',
          items: [{ productId: 'p-mug', productName: 'Mug', quantity: 2, unitPrice: '4.25', lineTotal: '8.50' }],
          total: { amount: '8.50', currency: 'USD' },
          carrier: 'DHL',
          trackingNumber: 'JD0146',
          shippedAt: T1.toISOString(),
        },
      } satisfies OrderShipped,
    ]);
  });

  it('ships without carrier or tracking number: both null', () => {
    const order = orderIn('confirmed');
    order.ship({}, T1);
    expect(order.shipment).toEqual({ carrier: null, trackingNumber: null, shippedAt: T1, deliveredAt: null });
  });

  it('delivers a shipped order, keeping the shipment and raising OrderDelivered', () => {
    const order = orderIn('confirmed');
    order.ship({ carrier: 'UPS' }, T1);
    order.pullChange();
    order.pullEvents();
    order.deliver(T2);
    expect(order.status).toBe('delivered');
    expect(order.shipment).toEqual({ carrier: 'UPS', trackingNumber: null, shippedAt: T1, deliveredAt: T2 });
    expect(order.pullChange()).toEqual({ type: 'delivered' });
    const [event] = order.pullEvents() as [OrderDelivered];
    expect(event).toMatchObject({ type: 'OrderDelivered', aggregateId: 'order-1', payload: { orderId: 'order-1', deliveredAt: T2.toISOString() } });
  });

  it.each(['pending', 'pending-empty', 'shipped', 'delivered', 'cancelled'] as const)('refuses to ship a %s order: order.not_confirmed', (status) => {
    const order = orderIn(status);
    expect(refusal(() => order.ship({ carrier: 'DHL' }, T1)).code).toBe('order.not_confirmed');
    expect(order.pullEvents()).toEqual([]);
  });

  it.each(['pending', 'pending-empty', 'confirmed', 'delivered', 'cancelled'] as const)('refuses to deliver a %s order: order.not_shipped', (status) => {
    const order = orderIn(status);
    expect(refusal(() => order.deliver(T1)).code).toBe('order.not_shipped');
  });

  it.each(['shipped', 'delivered'] as const)('refuses to cancel a %s order: order.already_shipped', (status) => {
    const order = orderIn(status);
    const error = refusal(() => order.cancel(T1));
    expect(error.code).toBe('order.already_shipped');
    expect(error.details).toEqual({ orderStatus: status });
    expect(order.status).toBe(status);
  });

  it('refuses an over-long or empty carrier or tracking number at its field, before any state changes', () => {
    const order = orderIn('confirmed');
    expect(refusal(() => order.ship({ carrier: 'x'.repeat(101) }, T1)).issues[0]?.path).toBe('/carrier');
    expect(refusal(() => order.ship({ trackingNumber: 'x'.repeat(201) }, T1)).issues[0]?.path).toBe('/trackingNumber');
    expect(refusal(() => order.ship({ carrier: '' }, T1)).issues[0]?.path).toBe('/carrier');
    expect(refusal(() => order.ship({ trackingNumber: 'a\u0000b' }, T1)).issues[0]?.path).toBe('/trackingNumber');
    expect(order.status).toBe('confirmed');
    order.ship({ carrier: 'x'.repeat(100), trackingNumber: 'y'.repeat(200) }, T1);
    expect(order.status).toBe('shipped');
  });
});

describe('Order.allowedActions', () => {
  const owner: OrderViewer = { role: 'customer', isOwner: true };
  const stranger: OrderViewer = { role: 'customer', isOwner: false };
  const adminOwner: OrderViewer = { role: 'admin', isOwner: true };

  it.each([
    ['pending', owner, ['addItem', 'changeItem', 'removeItem', 'confirm', 'cancel']],
    ['pending-empty', owner, ['addItem', 'cancel']],
    ['confirmed', owner, ['cancel']],
    ['shipped', owner, []],
    ['delivered', owner, []],
    ['cancelled', owner, []],
    ['pending', ADMIN_VIEWER, ['cancel']],
    ['pending-empty', ADMIN_VIEWER, ['cancel']],
    ['confirmed', ADMIN_VIEWER, ['cancel', 'ship']],
    ['shipped', ADMIN_VIEWER, ['deliver']],
    ['delivered', ADMIN_VIEWER, []],
    ['cancelled', ADMIN_VIEWER, []],
    ['pending', adminOwner, ['addItem', 'changeItem', 'removeItem', 'confirm', 'cancel']],
    ['confirmed', adminOwner, ['cancel', 'ship']],
    ['pending', stranger, []],
    ['confirmed', stranger, []],
  ] as const)('%s order, viewer %o → %o', (status, viewer, expected) => {
    expect(orderIn(status).allowedActions(viewer)).toEqual(expected);
  });
});

describe('what each change records for the history', () => {
  it('a new order records one `created` holding the lines it was opened with; OrderCreated carries them too', () => {
    const order = Order.create({ id: 'order-1', customerId: 'customer-1', now: T0 });
    order.addItem({ itemId: 'item-1', product: mug, quantity: 2, now: T0 });
    order.addItem({ itemId: 'item-2', product: mug, quantity: 1, now: T0 });
    expect(order.pullChange()).toEqual({ type: 'created', items: [{ itemId: 'item-1', productId: 'p-mug', quantity: 3 }] });
    const events = order.pullEvents();
    expect(events.map((e) => e.type)).toEqual(['OrderCreated']);
    expect(events[0]?.payload).toMatchObject({ items: [{ productId: 'p-mug', quantity: 3 }], total: { amount: '12.75', currency: 'USD' } });
  });

  it('a stored order records each item change with the line after it (a removal: the line it removed)', () => {
    const added = orderIn('pending-empty');
    added.addItem({ itemId: 'item-9', product: mug, quantity: 4, now: T1 });
    expect(added.pullChange()).toEqual({ type: 'item_added', itemId: 'item-9', productId: 'p-mug', quantity: 4 });

    const merged = orderIn('pending');
    merged.addItem({ itemId: 'unused', product: mug, quantity: 1, now: T1 });
    expect(merged.pullChange()).toEqual({ type: 'item_changed', itemId: 'item-1', productId: 'p-mug', quantity: 3 });

    const changed = orderIn('pending');
    changed.changeItemQuantity('item-1', 7, T1);
    expect(changed.pullChange()).toEqual({ type: 'item_changed', itemId: 'item-1', productId: 'p-mug', quantity: 7 });

    const removed = orderIn('pending');
    removed.removeItem('item-1', T1);
    expect(removed.pullChange()).toEqual({ type: 'item_removed', itemId: 'item-1', productId: 'p-mug', quantity: 2 });
  });

  it('confirm and cancel record themselves', () => {
    const confirmed = orderIn('pending');
    confirmed.confirm(T1);
    expect(confirmed.pullChange()).toEqual({ type: 'confirmed' });
    const cancelled = orderIn('confirmed');
    cancelled.cancel(T1);
    expect(cancelled.pullChange()).toEqual({ type: 'cancelled' });
  });

  it('one change per version: none, or two without a save, is a programming error', () => {
    const order = orderIn('pending');
    expect(() => order.pullChange()).toThrow(/exactly one change/);
    order.changeItemQuantity('item-1', 3, T1);
    order.changeItemQuantity('item-1', 4, T1);
    expect(() => order.pullChange()).toThrow(/exactly one change, not 2/);
  });

  it('a refused change records nothing', () => {
    const order = orderIn('shipped');
    refusal(() => order.cancel(T1));
    refusal(() => order.ship({}, T1));
    expect(() => order.pullChange()).toThrow(/not 0/);
  });
});
