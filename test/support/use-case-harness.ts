import type { Actor } from '../../src/application/shared/actor.js';
import type { Product } from '../../src/domain/catalog/product.entity.js';
import type { Order } from '../../src/domain/orders/order.aggregate.js';
import type { Clock } from '../../src/domain/shared/clock.port.js';
import { InMemoryOrderRepository } from '../../src/infrastructure/in-memory/in-memory-order.repository.js';
import { InMemoryProductRepository } from '../../src/infrastructure/in-memory/in-memory-product.repository.js';
import { SequenceIds } from './fakes.js';
import { FakeUnitOfWork, type FakeUnitOfWorkOptions } from './fake-unit-of-work.js';

export const T0 = new Date('2025-03-01T10:00:00.000Z');

export const customer: Actor = { userId: 'customer-1', role: 'customer' };
export const otherCustomer: Actor = { userId: 'customer-2', role: 'customer' };
export const admin: Actor = { userId: 'admin-1', role: 'admin' };

/** A clock that only moves when told to. */
export class TestClock implements Clock {
  constructor(private current: Date = T0) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Everything a use-case test needs: deps to construct use cases with, and ways to seed and inspect the store. */
export const aHarness = (options: FakeUnitOfWorkOptions = {}) => {
  const uow = new FakeUnitOfWork(options);
  const clock = new TestClock();
  const ids = new SequenceIds();
  // Bound to the committed store at each call: every commit replaces it.
  const products = () => new InMemoryProductRepository(uow.store);
  const orders = () => new InMemoryOrderRepository(uow.store);
  return {
    uow,
    clock,
    ids,
    deps: { uow, clock, ids },
    async seed(...items: (Product | Order)[]): Promise<void> {
      for (const item of items) {
        if ('sku' in item) await products().insert(item);
        else await orders().insert(item);
      }
    },
    /** Current stock of a product, read back from the store. */
    async stockOf(productId: string): Promise<number | undefined> {
      return (await products().findById(productId))?.stock;
    },
    async storedOrder(orderId: string): Promise<Order | null> {
      return orders().findById(orderId);
    },
  };
};
