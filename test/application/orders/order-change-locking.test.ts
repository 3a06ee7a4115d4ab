import { describe, expect, it } from 'vitest';
import { AddOrderItem } from '../../../src/application/orders/add-order-item.use-case.js';
import { CancelOrder } from '../../../src/application/orders/cancel-order.use-case.js';
import { ChangeOrderItem } from '../../../src/application/orders/change-order-item.use-case.js';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import { GetOrder } from '../../../src/application/orders/get-order.use-case.js';
import { RemoveOrderItem } from '../../../src/application/orders/remove-order-item.use-case.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { InMemoryOrderRepository } from '../../../src/infrastructure/in-memory/in-memory-order.repository.js';
import { admin, aHarness, customer } from '../../support/use-case-harness.js';

/*
 * The in-memory store answers findById and findForUpdate alike; PostgreSQL does not:
 * only findForUpdate holds the row lock that makes concurrent changes to one order
 * queue instead of failing their version check. So the use cases are held to asking for it.
 */

const setup = async () => {
  const h = aHarness();
  const product = aProduct().withStock(10).build();
  const order = anOrder().ownedBy(customer.userId).withItem(product, 2).build();
  await h.seed(product, order);
  h.uow.calls.length = 0;
  return { h, product, order, itemId: order.items[0]?.id ?? '' };
};

const orderLoads = (h: ReturnType<typeof aHarness>) =>
  h.uow.calls.filter((c) => c.call === 'orders.findById' || c.call === 'orders.findForUpdate');

describe('every change to an order loads it with the row lock, inside its transaction', () => {
  const changes: [string, (s: Awaited<ReturnType<typeof setup>>) => Promise<unknown>][] = [
    ['AddOrderItem', ({ h, order, product }) => new AddOrderItem(h.deps).execute({ actor: customer, orderId: order.id, productId: product.id, quantity: 1 })],
    ['ChangeOrderItem', ({ h, order, itemId }) => new ChangeOrderItem(h.deps).execute({ actor: customer, orderId: order.id, itemId, quantity: 3 })],
    ['RemoveOrderItem', ({ h, order, itemId }) => new RemoveOrderItem(h.deps).execute({ actor: customer, orderId: order.id, itemId })],
    ['ConfirmOrder', ({ h, order }) => new ConfirmOrder(h.deps).execute({ actor: customer, orderId: order.id })],
    ['CancelOrder (owner)', ({ h, order }) => new CancelOrder(h.deps).execute({ actor: customer, orderId: order.id })],
    ['CancelOrder (admin)', ({ h, order }) => new CancelOrder(h.deps).execute({ actor: admin, orderId: order.id })],
  ];

  it.each(changes)('%s loads the order with findForUpdate, never findById', async (_name, change) => {
    const s = await setup();
    await change(s);
    expect(orderLoads(s.h)).toEqual([{ call: 'orders.findForUpdate', args: [s.order.id], inTransaction: true }]);
  });

  it('a retried change takes the lock again on every attempt', async () => {
    let losses = 1;
    const h = aHarness({
      orders: (store) => {
        const real = new InMemoryOrderRepository(store);
        return {
          findById: (id) => real.findById(id),
          findForUpdate: (id) => real.findForUpdate(id),
          insert: (o) => real.insert(o),
          list: (q) => real.list(q),
          save: async (o) => {
            if (losses-- > 0) throw new DomainError('order.concurrent_update', 'lost the race');
            await real.save(o);
          },
        };
      },
    });
    const order = anOrder().ownedBy(customer.userId).withItem(aProduct().build(), 2).build();
    await h.seed(order);
    await new ChangeOrderItem(h.deps).execute({ actor: customer, orderId: order.id, itemId: order.items[0]?.id ?? '', quantity: 3 });
    expect(orderLoads(h).map((c) => c.call)).toEqual(['orders.findForUpdate', 'orders.findForUpdate']);
  });
});

describe('reading an order takes no lock', () => {
  it('GetOrder reads with findById outside a transaction', async () => {
    const { h, order } = await setup();
    await new GetOrder(h.deps).execute({ actor: customer, orderId: order.id });
    expect(orderLoads(h)).toEqual([{ call: 'orders.findById', args: [order.id], inTransaction: false }]);
    expect(h.uow.runs).toBe(0);
  });
});
