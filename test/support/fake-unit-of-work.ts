import type { TransactionContext, UnitOfWork } from '../../src/application/ports/unit-of-work.port.js';
import type { OrderRepository } from '../../src/domain/orders/order.repository.port.js';
import type { DomainEvent } from '../../src/domain/shared/domain-event.js';
import { inMemoryRepositories } from '../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore, type InMemoryStore } from '../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../src/infrastructure/in-memory/in-memory-unit-of-work.js';

export interface FakeUnitOfWorkOptions {
  /** Swap the order repository, e.g. to simulate a concurrent writer. */
  orders?: (store: InMemoryStore) => OrderRepository;
}

/** One repository call a use case made, e.g. `{ call: 'orders.findForUpdate', args: ['order-1'], inTransaction: true }`. */
export interface RecordedCall {
  readonly call: string;
  readonly args: readonly unknown[];
  /** Made inside `run` (a transaction) rather than `read`. */
  readonly inTransaction: boolean;
}

/**
 * The production InMemoryUnitOfWork (so commit and rollback are defined once, there),
 * plus what a use-case test needs to see: how many transactions ran, the committed
 * outbox, and every repository call. The in-memory store behaves the same whether an
 * order is loaded with `findById` or `findForUpdate`; the SQL adapters do not (only
 * the second takes the row lock), so tests assert on `calls` what the store cannot show.
 */
export class FakeUnitOfWork implements UnitOfWork {
  private readonly committed = { current: emptyStore() };
  private readonly inner: InMemoryUnitOfWork;
  private readonly reader: InMemoryUnitOfWork;
  /** How many transactions were started (retries included). */
  runs = 0;
  readonly calls: RecordedCall[] = [];

  constructor(options: FakeUnitOfWorkOptions = {}) {
    const repositories = (inTransaction: boolean) => (store: InMemoryStore): TransactionContext => {
      const real = inMemoryRepositories(store);
      const context: TransactionContext = { ...real, orders: options.orders?.(store) ?? real.orders };
      return Object.fromEntries(
        Object.entries(context).map(([name, repository]) => [name, this.recording(name, repository, inTransaction)]),
      ) as unknown as TransactionContext;
    };
    this.inner = new InMemoryUnitOfWork(this.committed, repositories(true));
    this.reader = new InMemoryUnitOfWork(this.committed, repositories(false));
  }

  /** The committed state (replaced on every commit, so read it afresh). */
  get store(): InMemoryStore {
    return this.committed.current;
  }

  /** What use cases wrote to the outbox, in order (committed work only). */
  get events(): DomainEvent[] {
    return this.store.outbox.map((row) => ({
      type: row['type'] as string,
      aggregateId: row['aggregateId'] as string,
      occurredAt: new Date(row['occurredAt'] as string),
      payload: row['payload'] as Record<string, unknown>,
    }));
  }

  /** The names of the calls made so far, e.g. `['orders.findForUpdate', 'orders.save']`. */
  callNames(): string[] {
    return this.calls.map((c) => c.call);
  }

  run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    this.runs += 1;
    return this.inner.run(work);
  }

  read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return this.reader.read(work);
  }

  private recording<R extends object>(name: string, repository: R, inTransaction: boolean): R {
    const calls = this.calls;
    return new Proxy(repository, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push({ call: `${name}.${String(property)}`, args, inTransaction });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
}
