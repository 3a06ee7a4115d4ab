import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * Kysely's SQLite driver begins transactions DEFERRED: a transaction that reads before it writes
 * holds only a read snapshot, and if another process (a `cli worker`, a second server, the CLI)
 * commits meanwhile, its first write fails at once with SQLITE_BUSY_SNAPSHOT — SQLite cannot
 * wait there without deadlocking. BEGIN IMMEDIATE takes the write lock when the transaction
 * begins, waiting for it under busy_timeout like any other write. In one process nothing
 * changes: its single writer connection runs one transaction at a time anyway.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SqliteDialect whose transactions begin IMMEDIATE (for the writer connection; never the read-only one). */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}
