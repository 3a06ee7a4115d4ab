import type { TransactionContext, UnitOfWork } from '../../application/ports/unit-of-work.port.js';
import type { DomainEvent } from '../../domain/shared/domain-event.js';
import type { CommittedFacts } from './business-metrics.js';

/**
 * `target` with one method replaced; every other member is the target's own (bound to it),
 * so methods added to a repository later pass through untouched.
 */
const observing = <T extends object, K extends keyof T>(target: T, name: K, replacement: T[K]): T =>
  new Proxy(target, {
    get(t, prop) {
      if (prop === name) return replacement;
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
  });

/**
 * A UnitOfWork that tells `onCommit` what each committed transaction recorded: the events it
 * added to the outbox and the orders it inserted. A transaction that rolls back (a refused
 * confirmation, a lost race that is retried) reports nothing, so counters see committed facts only.
 */
export class CountingUnitOfWork implements UnitOfWork {
  constructor(
    private readonly inner: UnitOfWork,
    private readonly onCommit: (facts: CommittedFacts) => void,
  ) {}

  async run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    const events: DomainEvent[] = [];
    const insertedOrderIds: string[] = [];
    const result = await this.inner.run((tx) =>
      work({
        ...tx,
        outbox: observing(tx.outbox, 'add', async (added) => {
          await tx.outbox.add(added);
          events.push(...added);
        }),
        orders: observing(tx.orders, 'insert', async (order) => {
          await tx.orders.insert(order);
          insertedOrderIds.push(order.id);
        }),
      }),
    );
    // Stryker disable next-line ConditionalExpression: reporting an empty transaction counts nothing.
    if (events.length > 0 || insertedOrderIds.length > 0) this.onCommit({ events, insertedOrderIds });
    return result;
  }

  read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return this.inner.read(work);
  }
}
