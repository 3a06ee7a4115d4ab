import { describe, expect, it } from 'vitest';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import type { Product } from '../../../src/domain/catalog/product.entity.js';
import type { OrderRepository } from '../../../src/domain/orders/order.repository.port.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import type { InMemoryStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryOrderRepository } from '../../../src/infrastructure/in-memory/in-memory-order.repository.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';
import type { FakeUnitOfWorkOptions } from '../../support/fake-unit-of-work.js';

const setup = async (stock: { mug: number; tea: number }, options: FakeUnitOfWorkOptions = {}) => {
  const h = aHarness(options);
  const mug = aProduct().withId('p-mug').withName('Mug').withPrice('4.50').withStock(stock.mug).build();
  const tea = aProduct().withId('p-tea').withName('Tea').withPrice('0.99').withStock(stock.tea).build();
  const order = anOrder().ownedBy(customer.userId).withItem(tea, 3).withItem(mug, 2).build();
  await h.seed(mug, tea, order);
  const stockOf = (p: Product) => h.stockOf(p.id);
  return { h, mug, tea, order, stockOf, confirm: new ConfirmOrder(h.deps) };
};

/** An order repository whose first `losses` saves lose an optimistic race, as if another writer got there first. */
const losingRaces = (losses: number) => (store: InMemoryStore): OrderRepository => {
  const real = new InMemoryOrderRepository(store);
  return {
    findById: (id) => real.findById(id),
    findForUpdate: (id) => real.findForUpdate(id),
    insert: (order) => real.insert(order),
    list: (query) => real.list(query),
    save: async (order) => {
      if (losses > 0) {
        losses -= 1;
        throw new DomainError('order.concurrent_update', 'lost the race');
      }
      await real.save(order);
    },
  };
};

describe('ConfirmOrder', () => {
  it('confirms, reserves stock for every line, and bumps the version', async () => {
    const { h, mug, tea, order, stockOf, confirm } = await setup({ mug: 5, tea: 3 });
    const result = await confirm.execute({ actor: customer, orderId: order.id });

    expect(result).toMatchObject({ status: 'confirmed', version: 2, total: { amount: '11.97', currency: 'USD' } });
    expect(await stockOf(mug)).toBe(3);
    expect(await stockOf(tea)).toBe(0);
    expect((await h.storedOrder(order.id))?.status).toBe('confirmed');
  });

  it('writes OrderConfirmed to the outbox in the same transaction', async () => {
    const { h, order, confirm } = await setup({ mug: 5, tea: 5 });
    await confirm.execute({ actor: customer, orderId: order.id });
    expect(h.uow.events).toHaveLength(1);
    expect(h.uow.events[0]).toMatchObject({
      type: 'OrderConfirmed',
      aggregateId: order.id,
      payload: {
        orderId: order.id,
        customerId: customer.userId,
        items: [
          { productId: 'p-tea', productName: 'Tea', quantity: 3, unitPrice: '0.99', lineTotal: '2.97' },
          { productId: 'p-mug', productName: 'Mug', quantity: 2, unitPrice: '4.50', lineTotal: '9.00' },
        ],
        total: { amount: '11.97', currency: 'USD' },
      },
    });
  });

  it('reserves nothing when any line is short, naming the short products', async () => {
    const { h, mug, tea, order, stockOf, confirm } = await setup({ mug: 5, tea: 2 });
    await expect(confirm.execute({ actor: customer, orderId: order.id })).rejects.toMatchObject({
      code: 'stock.insufficient',
      details: { productIds: ['p-tea'] },
    });
    expect(await stockOf(mug)).toBe(5);
    expect(await stockOf(tea)).toBe(2);
    expect((await h.storedOrder(order.id))?.status).toBe('pending');
    expect(h.uow.events).toEqual([]);
  });

  it('lets only one of two orders take the last units', async () => {
    const { h, mug, order, stockOf, confirm } = await setup({ mug: 2, tea: 3 });
    const rival = anOrder().ownedBy(otherCustomer.userId).withItem(mug, 2).build();
    await h.seed(rival);

    await confirm.execute({ actor: otherCustomer, orderId: rival.id });
    await expect(confirm.execute({ actor: customer, orderId: order.id })).rejects.toMatchObject({ code: 'stock.insufficient' });
    expect(await stockOf(mug)).toBe(0);
  });

  it('refuses an empty order', async () => {
    const h = aHarness();
    const empty = anOrder().ownedBy(customer.userId).build();
    await h.seed(empty);
    await expect(new ConfirmOrder(h.deps).execute({ actor: customer, orderId: empty.id })).rejects.toMatchObject({
      code: 'order.empty',
    });
  });

  it('refuses to confirm twice, without reserving again', async () => {
    const { mug, order, stockOf, confirm } = await setup({ mug: 10, tea: 10 });
    await confirm.execute({ actor: customer, orderId: order.id });
    await expect(confirm.execute({ actor: customer, orderId: order.id })).rejects.toMatchObject({ code: 'order.not_pending' });
    expect(await stockOf(mug)).toBe(8);
  });

  it('hides the order from another customer and forbids a non-owner admin', async () => {
    const { order, confirm } = await setup({ mug: 5, tea: 5 });
    await expect(confirm.execute({ actor: otherCustomer, orderId: order.id })).rejects.toMatchObject({ code: 'order.not_found' });
    await expect(confirm.execute({ actor: admin, orderId: order.id })).rejects.toMatchObject({ code: 'auth.forbidden' });
  });

  it('refuses a stale expected version before reserving anything', async () => {
    const { mug, order, stockOf, confirm } = await setup({ mug: 5, tea: 5 });
    await expect(confirm.execute({ actor: customer, orderId: order.id, expectedVersion: 2 })).rejects.toMatchObject({
      code: 'order.version_mismatch',
    });
    expect(await stockOf(mug)).toBe(5);
  });

  it('retries a lost optimistic race from scratch, reserving stock only once', async () => {
    const { h, mug, order, stockOf, confirm } = await setup({ mug: 5, tea: 5 }, { orders: losingRaces(2) });
    const result = await confirm.execute({ actor: customer, orderId: order.id });
    expect(result.status).toBe('confirmed');
    expect(h.uow.runs).toBe(3);
    expect(await stockOf(mug)).toBe(3);
    expect(h.uow.events).toHaveLength(1);
  });

  it('gives up after three retries, leaving everything as it was', async () => {
    const { h, mug, order, stockOf, confirm } = await setup({ mug: 5, tea: 5 }, { orders: losingRaces(4) });
    await expect(confirm.execute({ actor: customer, orderId: order.id })).rejects.toMatchObject({
      code: 'order.concurrent_update',
    });
    expect(h.uow.runs).toBe(4);
    expect(await stockOf(mug)).toBe(5);
    expect(h.uow.events).toEqual([]);
  });
});
