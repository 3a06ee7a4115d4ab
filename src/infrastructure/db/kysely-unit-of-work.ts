import type { Kysely } from 'kysely';
import type { TransactionContext, UnitOfWork } from '../../application/ports/unit-of-work.port.js';
import type { DB } from './database.schema.js';
import { translateDriverError } from './driver-errors.js';

/**
 * Fresh repositories for one unit of work (they may remember what it loaded), bound to
 * `executor`: a transaction (`run`) or the read connection (`read`).
 */
export type RepositoryFactory = (executor: Kysely<DB>, scope: 'transaction' | 'read') => SqlTransactionContext;

/**
 * The repositories of one unit of work, what they deferred to write before COMMIT, and whether
 * the work added outbox rows (PostgreSQL; see repositories/pending-rows.ts).
 */
export type SqlTransactionContext = TransactionContext & { flushDeferred?(): Promise<void>; addedOutbox?(): boolean };

const rethrowTranslated = (error: unknown): never => {
  throw translateDriverError(error);
};

/**
 * One Kysely transaction per `run`: commit when the work resolves, rollback when it
 * throws. The repositories are built over the transaction, so none of them can
 * commit on its own. `read` work runs on `reader` (Database.reader: on SQLite a
 * read-only connection that never sees, nor waits for, an open transaction).
 * Driver errors leave as the application's typed errors (see driver-errors.ts).
 */
export class KyselyUnitOfWork implements UnitOfWork {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repositories: RepositoryFactory,
    private readonly reader: Kysely<DB> = db,
    /** Called after a commit that added outbox rows (PostgreSQL): wakes a dispatcher; must not throw. */
    private readonly outboxCommitted: () => void = () => undefined,
  ) {}

  async run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    let context: SqlTransactionContext | undefined;
    const result = await this.db
      .transaction()
      .execute(async (trx) => {
        context = this.repositories(trx, 'transaction');
        const value = await work(context);
        await context.flushDeferred?.();
        return value;
      })
      .catch(rethrowTranslated);
    if (context?.addedOutbox?.()) this.outboxCommitted();
    return result;
  }

  read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return work(this.repositories(this.reader, 'read')).catch(rethrowTranslated);
  }
}
