import type { TransactionContext, UnitOfWork } from '../../src/application/ports/unit-of-work.port.js';
import type { OrderRepository } from '../../src/domain/orders/order.repository.port.js';
import type { DomainEvent } from '../../src/domain/shared/domain-event.js';
import { emptyStore, type InMemoryStore } from '../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryIdempotencyStore } from '../../src/infrastructure/in-memory/in-memory-idempotency.store.js';
import { InMemoryOrderRepository } from '../../src/infrastructure/in-memory/in-memory-order.repository.js';
import { InMemoryProductRepository } from '../../src/infrastructure/in-memory/in-memory-product.repository.js';
import { InMemoryProductViews } from '../../src/infrastructure/in-memory/in-memory-product.views.js';

export interface FakeUnitOfWorkOptions {
  /** Swap the order repository, e.g. to simulate a concurrent writer. */
  orders?: (store: InMemoryStore) => OrderRepository;
}

/**
 * A minimal UnitOfWork for use-case tests: `run` snapshots the store and the
 * recorded events, and puts both back if the work throws (a rollback).
 */
export class FakeUnitOfWork implements UnitOfWork {
  readonly store: InMemoryStore = emptyStore();
  /** What use cases wrote to the outbox, in order (committed work only). */
  readonly events: DomainEvent[] = [];
  /** How many transactions were started (retries included). */
  runs = 0;

  constructor(private readonly options: FakeUnitOfWorkOptions = {}) {}

  async run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    this.runs += 1;
    const snapshot = structuredClone(this.store);
    const eventCount = this.events.length;
    try {
      return await work(this.context());
    } catch (error) {
      Object.assign(this.store, snapshot);
      this.events.length = eventCount;
      throw error;
    }
  }

  read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return work(this.context());
  }

  private context(): TransactionContext {
    return {
      users: {} as never,
      userViews: {} as never,
      refreshTokens: {} as never,
      resetTokens: {} as never,
      products: new InMemoryProductRepository(this.store),
      productViews: new InMemoryProductViews(this.store),
      orders: this.options.orders?.(this.store) ?? new InMemoryOrderRepository(this.store),
      outbox: {
        add: async (events) => {
          this.events.push(...events);
        },
      },
      idempotency: new InMemoryIdempotencyStore(this.store),
    };
  }
}
