import type { Kysely } from 'kysely';
import type { TransactionContext, UnitOfWork } from '../../application/ports/unit-of-work.port.js';
import type { DB } from './database.schema.js';
import { translateDriverError } from './driver-errors.js';

/**
 * Fresh repositories for one unit of work (they may remember what it loaded), bound to
 * `executor`: a transaction (`run`) or the read connection (`read`).
 */
export type RepositoryFactory = (executor: Kysely<DB>, scope: 'transaction' | 'read') => SqlTransactionContext;

/** The repositories of one unit of work, and what they deferred to write before COMMIT (see repositories/pending-rows.ts). */
export type SqlTransactionContext = TransactionContext & { flushDeferred?(): Promise<void> };

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
  ) {}

  run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        const context = this.repositories(trx, 'transaction');
        const result = await work(context);
        await context.flushDeferred?.();
        return result;
      })
      .catch(rethrowTranslated);
  }

  read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return work(this.repositories(this.reader, 'read')).catch(rethrowTranslated);
  }
}
