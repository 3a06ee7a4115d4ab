import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * Every transaction takes SQLite's write lock at BEGIN (`BEGIN IMMEDIATE`), not at its first write.
 * With a deferred BEGIN, a transaction that reads and then writes while another process (a
 * `cli worker`, a second server) committed in between fails at once with SQLITE_BUSY_SNAPSHOT,
 * busy_timeout or not; taking the lock first makes it wait its turn (busy_timeout) instead.
 * Within one process it changes nothing: Kysely already runs one transaction at a time on the
 * writer connection.
 */
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class SqliteWriteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateTransactionDriver(this.settings);
  }
}
