import type { TransactionContext, UnitOfWork } from '../../application/ports/unit-of-work.port.js';
import { cloneStore, type InMemoryStore } from './in-memory-store.js';

export type InMemoryRepositoryFactory = (store: InMemoryStore) => TransactionContext;

/**
 * Serialisable transactions over an in-memory store: one transaction at a time
 * works on a copy, which replaces the store on commit and is dropped on rollback.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: { current: InMemoryStore },
    private readonly repositories: InMemoryRepositoryFactory,
  ) {}

  run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    const next = this.tail.then(async () => {
      const draft = cloneStore(this.store.current);
      const result = await work(this.repositories(draft));
      this.store.current = draft;
      return result;
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return work(this.repositories(this.store.current));
  }
}
