import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { Order } from '../../../src/domain/orders/order.aggregate.js';
import type { OrderHistoryEvent } from '../../../src/domain/orders/order-history.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aUser } from '../../support/mothers/user.mother.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

const T1 = new Date('2025-03-01T00:00:00.000Z');
const T2 = new Date('2025-03-02T12:30:00.250Z');
const T3 = new Date('2025-03-03T08:00:00.000Z');

class Rollback extends Error {}

/** The order's shipment, its date filters and its history: one contract on in-memory, SQLite and PostgreSQL. */
describe.each(uowTargets)('order lifecycle and history contract on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;
  let customerId: string;
  let adminId: string;
  const mug = aProduct().withId('p-mug').withStock(10).build();

  beforeEach(async () => {
    ({ uow, close } = await target.open());
    const customer = aUser().build();
    const admin = aUser().build();
    customerId = customer.id;
    adminId = admin.id;
    await uow.run(async (tx) => {
      await tx.users.insert(customer);
      await tx.users.insert(admin);
      await tx.products.insert(mug);
    });
  });
  afterEach(async () => close());

  const findOrder = (id: string) => uow.read((tx) => tx.orders.findById(id));
  const historyOf = (id: string) => uow.read((tx) => tx.orderHistory.listFor(id, { afterVersion: 0, limit: 100 }));
  const event = (orderId: string, version: number, change: OrderHistoryEvent['change'], at = T1): OrderHistoryEvent => ({
    orderId,
    version,
    at,
    actor: { id: customerId, role: 'customer' },
    change,
  });

  it('stores the shipment as shipped, then delivered, and reads it back exactly', async () => {
    const order = anOrder().withId('o-1').ownedBy(customerId).withItem(mug, 2).confirmed().build();
    await uow.run((tx) => tx.orders.insert(order));
    expect((await findOrder('o-1'))?.shipment).toBeNull();

    const loaded = (await findOrder('o-1'))!;
    loaded.ship({ carrier: 'Poste Suisse — colis', trackingNumber: '99.00.123456.78901234' }, T2);
    await uow.run((tx) => tx.orders.save(loaded));
    const shipped = (await findOrder('o-1'))!;
    expect(shipped.status).toBe('shipped');
    expect(shipped.shipment).toEqual({ carrier: 'Poste Suisse — colis', trackingNumber: '99.00.123456.78901234', shippedAt: T2, deliveredAt: null });

    shipped.deliver(T3);
    await uow.run((tx) => tx.orders.save(shipped));
    const delivered = (await findOrder('o-1'))!;
    expect(delivered.status).toBe('delivered');
    expect(delivered.version).toBe(3);
    expect(delivered.shipment).toEqual({ carrier: 'Poste Suisse — colis', trackingNumber: '99.00.123456.78901234', shippedAt: T2, deliveredAt: T3 });
    // Lists rebuild the shipment too.
    const [listed] = await uow.read((tx) => tx.orders.list({ customerId: null, status: 'delivered', limit: 10, after: null }));
    expect(listed?.shipment).toEqual(delivered.shipment);
  });

  it('a shipment without carrier or tracking number stores nulls', async () => {
    const order = anOrder().withId('o-1').ownedBy(customerId).withItem(mug).confirmed().build();
    await uow.run((tx) => tx.orders.insert(order));
    const loaded = (await findOrder('o-1'))!;
    loaded.ship({}, T2);
    await uow.run((tx) => tx.orders.save(loaded));
    expect((await findOrder('o-1'))?.shipment).toEqual({ carrier: null, trackingNumber: null, shippedAt: T2, deliveredAt: null });
  });

  it('filters lists by creation time: from inclusive, to exclusive, with status and customer, keyset on id', async () => {
    const at = (iso: string) => new Date(iso);
    const orders = [
      anOrder().withId('o-1').ownedBy(customerId).at(at('2025-03-01T00:00:00.000Z')).build(),
      anOrder().withId('o-2').ownedBy(adminId).at(at('2025-03-02T00:00:00.000Z')).build(),
      anOrder().withId('o-3').ownedBy(customerId).withItem(mug).at(at('2025-03-02T23:59:59.999Z')).confirmed().build(),
      anOrder().withId('o-4').ownedBy(customerId).at(at('2025-03-03T00:00:00.000Z')).build(),
    ];
    await uow.run(async (tx) => {
      for (const o of orders) await tx.orders.insert(o);
    });
    const list = (query: { customerId?: string | null; status?: 'confirmed' | null; createdFrom?: Date | null; createdTo?: Date | null; after?: string | null }) =>
      uow
        .read((tx) =>
          tx.orders.list({ customerId: query.customerId ?? null, status: query.status ?? null, createdFrom: query.createdFrom ?? null, createdTo: query.createdTo ?? null, limit: 10, after: query.after ?? null }),
        )
        .then((rows) => rows.map((o) => o.id));
    const from = at('2025-03-02T00:00:00.000Z');
    const to = at('2025-03-03T00:00:00.000Z');
    expect(await list({ createdFrom: from, createdTo: to })).toEqual(['o-2', 'o-3']);
    expect(await list({ createdFrom: from })).toEqual(['o-2', 'o-3', 'o-4']);
    expect(await list({ createdTo: from })).toEqual(['o-1']);
    expect(await list({ createdFrom: from, customerId })).toEqual(['o-3', 'o-4']);
    expect(await list({ createdFrom: from, status: 'confirmed' })).toEqual(['o-3']);
    expect(await list({ createdFrom: from, after: 'o-2' })).toEqual(['o-3', 'o-4']);
  });

  it('appends events and lists them oldest first, with every kind of change intact', async () => {
    const order = Order.create({ id: 'o-1', customerId, now: T1 });
    await uow.run((tx) => tx.orders.insert(order));
    const events: OrderHistoryEvent[] = [
      event('o-1', 1, { type: 'created', items: [{ itemId: 'i-1', productId: 'p-mug', quantity: 2 }] }),
      event('o-1', 2, { type: 'item_added', itemId: 'i-2', productId: 'p-mug', quantity: 1 }, T2),
      event('o-1', 3, { type: 'item_changed', itemId: 'i-2', productId: 'p-mug', quantity: 4 }),
      event('o-1', 4, { type: 'item_removed', itemId: 'i-2', productId: 'p-mug', quantity: 4 }),
      event('o-1', 5, { type: 'confirmed' }),
      { ...event('o-1', 6, { type: 'shipped', carrier: 'DHL', trackingNumber: null }, T3), actor: { id: adminId, role: 'admin' } },
      { ...event('o-1', 7, { type: 'delivered' }), actor: { id: adminId, role: 'admin' } },
    ];
    // Appended out of order: the store orders by version, not by insertion.
    await uow.run(async (tx) => {
      for (const e of [...events].reverse()) await tx.orderHistory.append(e);
    });
    expect(await historyOf('o-1')).toEqual(events);
    expect(await uow.read((tx) => tx.orderHistory.listFor('o-1', { afterVersion: 2, limit: 2 }))).toEqual(events.slice(2, 4));
    expect(await historyOf('other')).toEqual([]);
  });

  it('one event per version: a second append for a version fails and rolls its unit of work back', async () => {
    const order = Order.create({ id: 'o-1', customerId, now: T1 });
    await uow.run(async (tx) => {
      await tx.orders.insert(order);
      await tx.orderHistory.append(event('o-1', 1, { type: 'created', items: [] }));
    });
    await expect(uow.run((tx) => tx.orderHistory.append(event('o-1', 1, { type: 'confirmed' })))).rejects.toThrow();
    expect((await historyOf('o-1')).map((e) => e.change.type)).toEqual(['created']);
  });

  it('history is written with the change and rolled back with it', async () => {
    const order = anOrder().withId('o-1').ownedBy(customerId).withItem(mug).confirmed().build();
    await uow.run((tx) => tx.orders.insert(order));
    const loaded = (await findOrder('o-1'))!;
    loaded.ship({ carrier: 'DHL' }, T2);
    await expect(
      uow.run(async (tx) => {
        await tx.orders.save(loaded);
        await tx.orderHistory.append(event('o-1', loaded.version, { type: 'shipped', carrier: 'DHL', trackingNumber: null }, T2));
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await historyOf('o-1')).toEqual([]);
    expect((await findOrder('o-1'))?.status).toBe('confirmed');
  });
});
