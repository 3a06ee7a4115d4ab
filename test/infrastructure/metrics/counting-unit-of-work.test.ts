import { beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/domain/shared/domain-event.js';
import { Order } from '../../../src/domain/orders/order.aggregate.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { BusinessMetrics, type CommittedFacts } from '../../../src/infrastructure/metrics/business-metrics.js';
import { CountingUnitOfWork } from '../../../src/infrastructure/metrics/counting-unit-of-work.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const event = (type: string, aggregateId = 'agg-1'): DomainEvent => ({ type, occurredAt: T0, aggregateId, payload: {} });
const anOrder = (id: string) => Order.create({ id, customerId: 'customer-1', now: T0 });

describe('CountingUnitOfWork', () => {
  let inner: InMemoryUnitOfWork;
  let reported: CommittedFacts[];
  let uow: CountingUnitOfWork;

  beforeEach(() => {
    inner = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    reported = [];
    uow = new CountingUnitOfWork(inner, (facts) => reported.push(facts));
  });

  it('reports the events and inserted orders of a committed transaction, after it committed', async () => {
    await uow.run(async (tx) => {
      await tx.orders.insert(anOrder('order-1'));
      await tx.outbox.add([event('OrderConfirmed', 'order-1')]);
      expect(reported).toEqual([]);
    });
    expect(reported).toEqual([{ events: [event('OrderConfirmed', 'order-1')], insertedOrderIds: ['order-1'] }]);
    // The writes went through to the real repositories.
    expect(await inner.read((tx) => tx.orders.findById('order-1'))).not.toBeNull();
  });

  it('reports nothing for a transaction that rolled back, though it had added events', async () => {
    await expect(
      uow.run(async (tx) => {
        await tx.orders.insert(anOrder('order-2'));
        await tx.outbox.add([event('OrderConfirmed', 'order-2')]);
        throw new Error('refused after the events were recorded');
      }),
    ).rejects.toThrow('refused');
    expect(reported).toEqual([]);
  });

  it('reports nothing for a transaction that recorded nothing countable', async () => {
    await uow.run(async (tx) => tx.orders.findById('none'));
    expect(reported).toEqual([]);
  });
});

describe('BusinessMetrics.committed', () => {
  const value = async (metrics: BusinessMetrics, name: string) =>
    (await metrics.registry.getSingleMetric(name)!.get()).values.reduce((sum, v) => sum + v.value, 0);

  it('counts an order created once, whether the transaction inserted it, recorded OrderCreated for it, or both', async () => {
    const metrics = new BusinessMetrics();
    metrics.committed({ events: [], insertedOrderIds: ['a'] });
    metrics.committed({ events: [event('OrderCreated', 'b')], insertedOrderIds: ['b'] });
    metrics.committed({ events: [event('OrderCreated', 'c')], insertedOrderIds: [] });
    expect(await value(metrics, 'orders_created_total')).toBe(3);
  });

  it('maps each event type to its counter, and ignores the others', async () => {
    const metrics = new BusinessMetrics();
    metrics.committed({
      events: ['OrderConfirmed', 'OrderCancelled', 'OrderShipped', 'OrderDelivered', 'UserRegistered', 'PasswordChanged', 'OrderShipped'].map((t) => event(t)),
      insertedOrderIds: [],
    });
    expect(await value(metrics, 'orders_confirmed_total')).toBe(1);
    expect(await value(metrics, 'orders_cancelled_total')).toBe(1);
    expect(await value(metrics, 'orders_shipped_total')).toBe(2);
    expect(await value(metrics, 'orders_delivered_total')).toBe(1);
    expect(await value(metrics, 'registrations_total')).toBe(1);
    expect(await value(metrics, 'orders_created_total')).toBe(0);
  });
});
