import type { Kysely } from 'kysely';
import type { TransactionContext, UnitOfWork } from '../../application/ports/unit-of-work.port.js';
import type { DB } from './database.schema.js';

export type RepositoryFactory = (executor: Kysely<DB>) => TransactionContext;

/**
 * One Kysely transaction per `run`: commit when the work resolves, rollback when it
 * throws. The repositories are built over the transaction, so none of them can
 * commit on its own. `read` work runs on `reader` (Database.reader: on SQLite a
 * read-only connection that never sees, nor waits for, an open transaction).
 */
export class KyselyUnitOfWork implements UnitOfWork {
  private readonly plain: TransactionContext;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly repositories: RepositoryFactory,
    reader: Kysely<DB> = db,
  ) {
    this.plain = repositories(reader);
  }

  run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(this.repositories(trx)));
  }

  read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return work(this.plain);
  }
}
