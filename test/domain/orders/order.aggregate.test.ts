import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORDER_CURRENCY, MAX_ORDER_LINES, Order } from '../../../src/domain/orders/order.aggregate.js';
import type { OrderCancelled, OrderConfirmed } from '../../../src/domain/orders/order-events.js';
import type { DomainErrorCode } from '../../../src/domain/shared/domain-error.js';
import { Money } from '../../../src/domain/shared/money.value-object.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { refusal } from '../../support/refusal.js';

const T0 = new Date('2025-02-01T00:00:00.000Z');
const T1 = new Date('2025-02-01T00:05:00.000Z');

const newOrder = () => Order.create({ id: 'order-1', customerId: 'customer-1', now: T0 });

const codeOf = (work: () => unknown): DomainErrorCode => refusal(work).code;

describe('Order.create', () => {
  it('starts pending, empty, at version 1, with a zero total in the default currency', () => {
    const order = newOrder();
    expect(order).toMatchObject({ id: 'order-1', customerId: 'customer-1', status: 'pending', version: 1, createdAt: T0, updatedAt: T0, confirmedAt: null });
    expect(order.items).toEqual([]);
    expect(order.currency).toBe(DEFAULT_ORDER_CURRENCY);
    expect(order.total().equals(Money.zero('USD'))).toBe(true);
    expect(order.shipment).toBeNull();
    expect(order.pullEvents()).toEqual([
      {
        type: 'OrderCreated',
        occurredAt: T0,
        aggregateId: 'order-1',
        payload: { orderId: 'order-1', customerId: 'customer-1', items: [], total: { amount: '0.00', currency: 'USD' } },
      },
    ]);
    expect(order.pullChange()).toEqual({ type: 'created', items: [] });
  });
});

describe('Order.addItem', () => {
  it('adds a line with a snapshot of the product’s id, name and price', () => {
    const product = aProduct().withName('Mug').withPrice('4.25').build();
    const order = newOrder();
    const line = order.addItem({ itemId: 'item-1', product, quantity: 3, now: T1 });

    expect(line).toMatchObject({ id: 'item-1', productId: product.id, productName: 'Mug', quantity: 3 });
    expect(line.unitPrice.toDecimalString()).toBe('4.25');
    expect(line.lineTotal().toDecimalString()).toBe('12.75');
    expect(order.items).toHaveLength(1);
    expect(order.updatedAt).toEqual(T1);
  });

  it('keeps the snapshot when the product’s price changes later', () => {
    const product = aProduct().withPrice('4.25').build();
    const order = newOrder();
    order.addItem({ itemId: 'item-1', product, quantity: 1, now: T0 });
    product.update({ price: Money.parse('9.99', 'USD') }, T1);
    expect(order.items[0]?.unitPrice.toDecimalString()).toBe('4.25');
  });

  it('merges the same product into its existing line, keeping that line’s id and first price', () => {
    const product = aProduct().withPrice('2.00').build();
    const order = newOrder();
    order.addItem({ itemId: 'item-1', product, quantity: 2, now: T0 });
    product.update({ price: Money.parse('3.00', 'USD') }, T0);
    const merged = order.addItem({ itemId: 'item-2', product, quantity: 5, now: T1 });

    expect(order.items).toHaveLength(1);
    expect(merged).toMatchObject({ id: 'item-1', quantity: 7 });
    expect(merged.unitPrice.toDecimalString()).toBe('2.00');
  });

  it.each([0, -1, 1.5, 10_001, Number.NaN])('refuses the quantity %d at /quantity', (quantity) => {
    const error = refusal(() => newOrder().addItem({ itemId: 'i', product: aProduct().build(), quantity, now: T1 }));
    expect(error.code).toBe('validation.invalid');
    expect(error.issues[0]?.path).toBe('/quantity');
  });

  it('accepts quantities 1 and 10,000', () => {
    const order = newOrder();
    order.addItem({ itemId: 'a', product: aProduct().build(), quantity: 1, now: T1 });
    order.addItem({ itemId: 'b', product: aProduct().build(), quantity: 10_000, now: T1 });
    expect(order.items.map((i) => i.quantity)).toEqual([1, 10_000]);
  });

  it('refuses a merge past 10,000 units and leaves the line as it was', () => {
    const product = aProduct().build();
    const order = newOrder();
    order.addItem({ itemId: 'item-1', product, quantity: 9_000, now: T0 });
    const error = refusal(() => order.addItem({ itemId: 'item-2', product, quantity: 1_001, now: T1 }));
    expect(error.issues[0]?.path).toBe('/quantity');
    expect(order.items[0]?.quantity).toBe(9_000);
    expect(order.updatedAt).toEqual(T0);
  });

  it('takes the currency of its first item', () => {
    const order = newOrder();
    order.addItem({ itemId: 'i', product: aProduct().withPrice('1000', 'JPY').build(), quantity: 2, now: T1 });
    expect(order.currency).toBe('JPY');
    expect(order.total().toDecimalString()).toBe('2000');
  });

  it('refuses a product in another currency, naming /productId', () => {
    const order = newOrder();
    order.addItem({ itemId: 'i', product: aProduct().withPrice('1', 'EUR').build(), quantity: 1, now: T0 });
    const error = refusal(() =>
      order.addItem({ itemId: 'j', product: aProduct().withPrice('1', 'USD').build(), quantity: 1, now: T1 }),
    );
    expect(error.code).toBe('order.currency_mismatch');
    expect(error.issues[0]?.path).toBe('/productId');
    expect(error.details).toEqual({ orderCurrency: 'EUR', productCurrency: 'USD' });
    expect(order.items).toHaveLength(1);
  });

  it('keeps its currency when emptied (zero total in it), and adopts the next item’s', () => {
    const order = newOrder();
    order.addItem({ itemId: 'i', product: aProduct().withPrice('1.000', 'KWD').build(), quantity: 1, now: T0 });
    order.removeItem('i', T1);
    expect(order.total().toDecimalString()).toBe('0.000');
    expect(order.currency).toBe('KWD');

    order.addItem({ itemId: 'j', product: aProduct().withPrice('5', 'GBP').build(), quantity: 1, now: T1 });
    expect(order.currency).toBe('GBP');
  });

  it('refuses a change whose total would not be representable exactly', () => {
    const order = newOrder();
    const dear = aProduct().withPrice('100000000000', 'USD').build();
    order.addItem({ itemId: 'i', product: dear, quantity: 90, now: T0 });
    const error = refusal(() => order.changeItemQuantity('i', 10_000, T1));
    expect(error.issues[0]?.path).toBe('/quantity');
    expect(order.items[0]?.quantity).toBe(90);
  });
});

describe('Order.changeItemQuantity and removeItem', () => {
  it('sets a line’s quantity, keeping its price', () => {
    const order = anOrder().withItem(aProduct().withPrice('1.50').build(), 1).build();
    const itemId = order.items[0]?.id ?? '';
    order.changeItemQuantity(itemId, 4, T1);
    expect(order.items[0]?.quantity).toBe(4);
    expect(order.total().toDecimalString()).toBe('6.00');
    expect(order.updatedAt).toEqual(T1);
  });

  it('validates the new quantity', () => {
    const order = anOrder().withItem(aProduct().build(), 1).build();
    expect(refusal(() => order.changeItemQuantity(order.items[0]?.id ?? '', 0, T1)).issues[0]?.path).toBe('/quantity');
  });

  it('removes a line', () => {
    const keep = aProduct().build();
    const order = anOrder().withItem(aProduct().build()).withItem(keep).build();
    order.removeItem(order.items[0]?.id ?? '', T1);
    expect(order.items.map((i) => i.productId)).toEqual([keep.id]);
  });

  it('refuses an unknown item', () => {
    const order = anOrder().withItem(aProduct().build()).build();
    expect(codeOf(() => order.changeItemQuantity('nope', 2, T1))).toBe('order.item_not_found');
    expect(codeOf(() => order.removeItem('nope', T1))).toBe('order.item_not_found');
  });
});

describe('a non-pending order', () => {
  const product = aProduct().build();
  const confirmed = () => anOrder().withItem(product, 1).confirmed().build();
  const cancelled = () => anOrder().withItem(product, 1).cancelled().build();

  it.each([
    ['confirmed', confirmed],
    ['cancelled', cancelled],
  ])('refuses every change when %s', (_status, build) => {
    const order = build();
    const itemId = order.items[0]?.id ?? '';
    expect(codeOf(() => order.addItem({ itemId: 'x', product, quantity: 1, now: T1 }))).toBe('order.not_pending');
    expect(codeOf(() => order.changeItemQuantity(itemId, 2, T1))).toBe('order.not_pending');
    expect(codeOf(() => order.removeItem(itemId, T1))).toBe('order.not_pending');
    expect(codeOf(() => order.confirm(T1))).toBe('order.not_pending');
  });

  it('checks pending before looking for the item', () => {
    expect(codeOf(() => confirmed().removeItem('nope', T1))).toBe('order.not_pending');
  });
});

describe('Order.confirm', () => {
  it('refuses an empty order', () => {
    expect(codeOf(() => newOrder().confirm(T1))).toBe('order.empty');
  });

  it('confirms and raises OrderConfirmed with the lines and total as decimal strings', () => {
    const mug = aProduct().withId('p-mug').withName('Mug').withPrice('4.25').build();
    const tea = aProduct().withId('p-tea').withName('Tea').withPrice('0.10').build();
    const order = anOrder().withId('order-7').ownedBy('customer-9').withItem(mug, 2).withItem(tea, 3).build();

    order.confirm(T1);

    expect(order.status).toBe('confirmed');
    expect(order.updatedAt).toEqual(T1);
    const events = order.pullEvents();
    expect(events).toEqual([
      {
        type: 'OrderConfirmed',
        occurredAt: T1,
        aggregateId: 'order-7',
        payload: {
          orderId: 'order-7',
          customerId: 'customer-9',
          items: [
            { productId: 'p-mug', productName: 'Mug', quantity: 2, unitPrice: '4.25', lineTotal: '8.50' },
            { productId: 'p-tea', productName: 'Tea', quantity: 3, unitPrice: '0.10', lineTotal: '0.30' },
          ],
          total: { amount: '8.80', currency: 'USD' },
        },
      } satisfies OrderConfirmed,
    ]);
    expect(order.pullEvents()).toEqual([]);
  });

  it('records when it was confirmed, once: a new order has no confirmation time, a refused confirm and a cancel keep it', () => {
    const order = anOrder().withItem(aProduct().build()).at(T0).build();
    expect(order.confirmedAt).toBeNull();
    order.confirm(T1);
    expect(order.confirmedAt).toEqual(T1);
    const later = new Date('2025-02-02T00:00:00.000Z');
    expect(codeOf(() => order.confirm(later))).toBe('order.not_pending');
    expect(order.confirmedAt).toEqual(T1);
    order.cancel(later);
    expect(order.confirmedAt).toEqual(T1);
    expect(order.updatedAt).toEqual(later);
  });

  it('leaves a refused (empty) order unconfirmed, and a pending order cancelled stays without a confirmation time', () => {
    const empty = newOrder();
    codeOf(() => empty.confirm(T1));
    expect(empty.confirmedAt).toBeNull();
    const pending = anOrder().withItem(aProduct().build()).build();
    pending.cancel(T1);
    expect(pending.confirmedAt).toBeNull();
  });

  it('does not change the version (the repository does, on save)', () => {
    const order = anOrder().withItem(aProduct().build()).build();
    order.confirm(T1);
    expect(order.version).toBe(1);
    order.markSaved();
    expect(order.version).toBe(2);
  });
});

describe('Order.cancel', () => {
  it('cancels a pending order, releasing nothing', () => {
    const order = anOrder().withItem(aProduct().build(), 2).build();
    expect(order.cancel(T1)).toEqual([]);
    expect(order.status).toBe('cancelled');
    const [event] = order.pullEvents() as OrderCancelled[];
    expect(event?.type).toBe('OrderCancelled');
    expect(event?.payload.previousStatus).toBe('pending');
  });

  it('cancels a confirmed order, returning its stock lines to release', () => {
    const b = aProduct().withId('p-b').build();
    const a = aProduct().withId('p-a').build();
    const order = anOrder().withItem(b, 2).withItem(a, 5).confirmed().build();
    expect(order.cancel(T1)).toEqual([
      { productId: 'p-a', quantity: 5 },
      { productId: 'p-b', quantity: 2 },
    ]);
    const [event] = order.pullEvents() as OrderCancelled[];
    expect(event?.payload).toMatchObject({ previousStatus: 'confirmed', total: { amount: '70.00', currency: 'USD' } });
  });

  it('refuses to cancel twice', () => {
    const order = anOrder().withItem(aProduct().build()).cancelled().build();
    expect(codeOf(() => order.cancel(T1))).toBe('order.already_cancelled');
    expect(order.pullEvents()).toEqual([]);
  });

  it('can cancel an empty pending order', () => {
    const order = newOrder();
    order.cancel(T1);
    expect(order.status).toBe('cancelled');
  });
});

describe('Order.total and stockLines', () => {
  it('totals exactly, with no floating-point drift', () => {
    const order = newOrder();
    order.addItem({ itemId: 'a', product: aProduct().withPrice('0.10').build(), quantity: 3, now: T1 });
    order.addItem({ itemId: 'b', product: aProduct().withPrice('0.20').build(), quantity: 1, now: T1 });
    expect(order.total().toDecimalString()).toBe('0.50');
  });

  it('equals Σ quantity × unitPrice for any lines', () => {
    const line = fc.record({ minor: fc.integer({ min: 0, max: 10 ** 9 }), quantity: fc.integer({ min: 1, max: 10_000 }) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
        const order = newOrder();
        lines.forEach((l, i) => {
          const price = Money.of(l.minor, 'KWD').toDecimalString();
          order.addItem({ itemId: `i${i}`, product: aProduct().withPrice(price, 'KWD').build(), quantity: l.quantity, now: T1 });
        });
        const exact = lines.reduce((sum, l) => sum + BigInt(l.minor) * BigInt(l.quantity), 0n);
        expect(BigInt(order.total().minor)).toBe(exact);
        expect(order.total().currency).toBe('KWD');
      }),
    );
  });

  it('lists one stock line per product in ascending productId order', () => {
    const c = aProduct().withId('p-c').build();
    const a = aProduct().withId('p-a').build();
    const b = aProduct().withId('p-b').build();
    const order = anOrder().withItem(c, 1).withItem(a, 2).withItem(b, 3).withItem(a, 4).build();
    expect(order.stockLines()).toEqual([
      { productId: 'p-a', quantity: 6 },
      { productId: 'p-b', quantity: 3 },
      { productId: 'p-c', quantity: 1 },
    ]);
  });
});

describe('Order.restore', () => {
  it('rebuilds the order and its lines as stored', () => {
    const order = Order.restore({
      id: 'o',
      customerId: 'c',
      status: 'confirmed',
      currency: 'JPY',
      version: 7,
      createdAt: T0,
      updatedAt: T1,
      confirmedAt: T1,
      items: [{ id: 'i', productId: 'p', productName: 'Fan', quantity: 3, unitPrice: Money.of(500, 'JPY') }],
    });
    expect(order).toMatchObject({ id: 'o', customerId: 'c', status: 'confirmed', currency: 'JPY', version: 7, confirmedAt: T1 });
    expect(order.items[0]?.toProps()).toEqual({ id: 'i', productId: 'p', productName: 'Fan', quantity: 3, unitPrice: Money.of(500, 'JPY') });
    expect(order.total().toDecimalString()).toBe('1500');
  });
});

describe('Order line limit', () => {
  it(`refuses a ${MAX_ORDER_LINES + 1}th line but still merges into an existing one`, () => {
    const order = Order.create({ id: 'o-limit', customerId: 'c', now: new Date() });
    const price = Money.parse('1.00', 'USD');
    for (let i = 0; i < MAX_ORDER_LINES; i++) {
      order.addItem({ itemId: `i-${i}`, product: { id: `p-${String(i).padStart(4, '0')}`, name: 'x', price }, quantity: 1, now: new Date() });
    }
    expect(() => order.addItem({ itemId: 'one-more', product: { id: 'p-new', name: 'x', price }, quantity: 1, now: new Date() })).toThrow(
      expect.objectContaining({ code: 'validation.invalid' }),
    );
    order.addItem({ itemId: 'merge', product: { id: 'p-0000', name: 'x', price }, quantity: 2, now: new Date() });
    expect(order.items).toHaveLength(MAX_ORDER_LINES);
  });
});

describe('Order changes touch only their own line', () => {
  const twoLines = () => {
    const mug = aProduct().withId('p-mug').withPrice('4.00').build();
    const tea = aProduct().withId('p-tea').withPrice('1.00').build();
    const order = anOrder().withItem(mug, 2).withItem(tea, 3).build();
    const [mugLine, teaLine] = order.items;
    return { order, mug, tea, mugLine: mugLine!, teaLine: teaLine! };
  };
  const linesOf = (order: Order) => order.items.map((i) => ({ id: i.id, productId: i.productId, quantity: i.quantity }));

  it('changing one line’s quantity leaves the other line as it was', () => {
    const { order, mugLine, teaLine } = twoLines();
    const changed = order.changeItemQuantity(teaLine.id, 5, T1);
    expect(changed).toMatchObject({ id: teaLine.id, productId: 'p-tea', quantity: 5 });
    expect(linesOf(order)).toEqual([
      { id: mugLine.id, productId: 'p-mug', quantity: 2 },
      { id: teaLine.id, productId: 'p-tea', quantity: 5 },
    ]);
    expect(order.total().toDecimalString()).toBe('13.00');
  });

  it('merging into one line leaves the other line as it was', () => {
    const { order, tea, mugLine, teaLine } = twoLines();
    order.addItem({ itemId: 'ignored', product: tea, quantity: 1, now: T1 });
    expect(linesOf(order)).toEqual([
      { id: mugLine.id, productId: 'p-mug', quantity: 2 },
      { id: teaLine.id, productId: 'p-tea', quantity: 4 },
    ]);
  });

  it('removing one line keeps the other, and the order’s currency and timestamps move as a change', () => {
    const { order, mugLine, teaLine } = twoLines();
    order.removeItem(mugLine.id, T1);
    expect(linesOf(order)).toEqual([{ id: teaLine.id, productId: 'p-tea', quantity: 3 }]);
    expect(order.updatedAt).toEqual(T1);
    expect(order.currency).toBe('USD');
  });

  it('a refused quantity change leaves every line and updatedAt as they were', () => {
    const { order, mugLine, teaLine } = twoLines();
    const before = order.updatedAt;
    expect(refusal(() => order.changeItemQuantity(teaLine.id, 10_001, T1)).issues.map((i) => i.path)).toEqual(['/quantity']);
    expect(linesOf(order)).toEqual([
      { id: mugLine.id, productId: 'p-mug', quantity: 2 },
      { id: teaLine.id, productId: 'p-tea', quantity: 3 },
    ]);
    expect(order.updatedAt).toEqual(before);
  });
});

describe('Order refusals name what the client got wrong', () => {
  it('an unknown item names the itemId', () => {
    const order = anOrder().withItem(aProduct().build()).build();
    const error = refusal(() => order.changeItemQuantity('nope', 2, T1));
    expect(error.details).toEqual({ itemId: 'nope' });
    expect(refusal(() => order.removeItem('gone', T1)).details).toEqual({ itemId: 'gone' });
  });

  it('a non-pending order names its status', () => {
    const confirmed = anOrder().withItem(aProduct().build()).confirmed().build();
    expect(refusal(() => confirmed.confirm(T1)).details).toEqual({ orderStatus: 'confirmed' });
    const cancelled = anOrder().withItem(aProduct().build()).cancelled().build();
    expect(refusal(() => cancelled.removeItem('x', T1)).details).toEqual({ orderStatus: 'cancelled' });
  });

  it('a currency mismatch is refused at /productId and changes neither lines nor currency nor updatedAt', () => {
    const order = newOrder();
    order.addItem({ itemId: 'i', product: aProduct().withPrice('1', 'EUR').build(), quantity: 1, now: T0 });
    const error = refusal(() => order.addItem({ itemId: 'j', product: aProduct().withPrice('1', 'USD').build(), quantity: 1, now: T1 }));
    expect(error.issues).toEqual([{ path: '/productId', message: expect.any(String) }]);
    expect(order.currency).toBe('EUR');
    expect(order.updatedAt).toEqual(T0);
  });

  it('an order past its line limit is refused at /productId', () => {
    const price = Money.parse('1.00', 'USD');
    const items = Array.from({ length: MAX_ORDER_LINES }, (_, i) => ({
      id: `i-${i}`, productId: `p-${String(i).padStart(4, '0')}`, productName: 'x', quantity: 1, unitPrice: price,
    }));
    const order = Order.restore({ id: 'o', customerId: 'c', status: 'pending', currency: 'USD', version: 1, createdAt: T0, updatedAt: T0, confirmedAt: null, items });
    const error = refusal(() => order.addItem({ itemId: 'more', product: { id: 'p-new', name: 'x', price }, quantity: 1, now: T1 }));
    expect(error.code).toBe('validation.invalid');
    expect(error.issues.map((i) => i.path)).toEqual(['/productId']);
    expect(order.items).toHaveLength(MAX_ORDER_LINES);
  });

  it('one line short of the limit still takes a new product', () => {
    const price = Money.parse('1.00', 'USD');
    const items = Array.from({ length: MAX_ORDER_LINES - 1 }, (_, i) => ({
      id: `i-${i}`, productId: `p-${String(i).padStart(4, '0')}`, productName: 'x', quantity: 1, unitPrice: price,
    }));
    const order = Order.restore({ id: 'o', customerId: 'c', status: 'pending', currency: 'USD', version: 1, createdAt: T0, updatedAt: T0, confirmedAt: null, items });
    order.addItem({ itemId: 'last', product: { id: 'p-new', name: 'x', price }, quantity: 1, now: T1 });
    expect(order.items).toHaveLength(MAX_ORDER_LINES);
  });

  it('a merge past 10,000 units is refused at /quantity', () => {
    const product = aProduct().build();
    const order = anOrder().withItem(product, 10_000).build();
    const error = refusal(() => order.addItem({ itemId: 'x', product, quantity: 1, now: T1 }));
    expect(error.issues.map((i) => i.path)).toEqual(['/quantity']);
  });
});

describe('Order ownership, cancellation and events', () => {
  it('is owned by its customer only', () => {
    const order = anOrder().ownedBy('customer-7').build();
    expect(order.isOwnedBy('customer-7')).toBe(true);
    expect(order.isOwnedBy('customer-8')).toBe(false);
  });

  it('cancelling moves updatedAt and raises OrderCancelled with the lines, total and previous status', () => {
    const mug = aProduct().withId('p-mug').withName('Mug').withPrice('4.25').build();
    const order = anOrder().withId('order-8').ownedBy('customer-3').withItem(mug, 2).build();
    order.cancel(T1);
    expect(order.updatedAt).toEqual(T1);
    expect(order.pullEvents()).toEqual([
      {
        type: 'OrderCancelled',
        occurredAt: T1,
        aggregateId: 'order-8',
        payload: {
          orderId: 'order-8',
          customerId: 'customer-3',
          items: [{ productId: 'p-mug', productName: 'Mug', quantity: 2, unitPrice: '4.25', lineTotal: '8.50' }],
          total: { amount: '8.50', currency: 'USD' },
          previousStatus: 'pending',
        },
      } satisfies OrderCancelled,
    ]);
  });

  it('a refused confirmation raises no event and keeps the order pending', () => {
    const order = newOrder();
    order.pullEvents();
    refusal(() => order.confirm(T1));
    expect(order.status).toBe('pending');
    expect(order.updatedAt).toEqual(T0);
    expect(order.pullEvents()).toEqual([]);
  });

  it('lists stock lines in ascending productId order whatever order the lines were added in', () => {
    const ids = ['p-d', 'p-b', 'p-e', 'p-a', 'p-c'];
    const order = anOrder().build();
    ids.forEach((id, i) => order.addItem({ itemId: `i-${i}`, product: aProduct().withId(id).build(), quantity: i + 1, now: T1 }));
    expect(order.stockLines()).toEqual([
      { productId: 'p-a', quantity: 4 },
      { productId: 'p-b', quantity: 2 },
      { productId: 'p-c', quantity: 5 },
      { productId: 'p-d', quantity: 1 },
      { productId: 'p-e', quantity: 3 },
    ]);
  });

  it('restores items with their own ids, names and quantities', () => {
    const order = Order.restore({
      id: 'o', customerId: 'c', status: 'pending', currency: 'USD', version: 3, createdAt: T0, updatedAt: T1, confirmedAt: null,
      items: [{ id: 'i', productId: 'p', productName: 'Fan', quantity: 3, unitPrice: Money.of(500, 'USD') }],
    });
    expect(order).toMatchObject({ createdAt: T0, updatedAt: T1 });
    expect(order.items[0]).toMatchObject({ id: 'i', productId: 'p', productName: 'Fan', quantity: 3 });
  });
});
