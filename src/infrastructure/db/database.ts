import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { ProductViews } from '../../application/ports/product-views.port.js';
import type { DB } from './database.schema.js';
import { createPostgresPool, type PoolLogger } from './postgres/postgres-pool.js';
import { openSqliteReader, openSqliteWriter } from './sqlite/sqlite-connection.js';
import { SqliteWriteDialect } from './sqlite/sqlite-write-dialect.js';
import { SqlProductViews } from './views/sql-product.views.js';
import { SqliteProductReadModel } from './sqlite/sqlite-product-read-model.js';
import { withStatementCache } from './sqlite/sqlite-statement-cache.js';

export type SqlDialect = 'sqlite' | 'postgres';

export interface Database {
  /** The writer: migrations, transactions, everything that changes data. */
  readonly db: Kysely<DB>;
  /**
   * For reads outside a transaction. On SQLite a second, read-only connection: in WAL mode it
   * sees every committed write and never another request's open transaction, and it does not
   * queue behind one (Kysely serialises the writer's queries for a whole transaction). On
   * PostgreSQL and for in-memory SQLite it is `db` itself.
   */
  readonly reader: Kysely<DB>;
  readonly dialect: SqlDialect;
  /**
   * The catalog's read model on SQLite's read connection (literal SQL, past Kysely: see
   * sqlite/sqlite-product-read-model.ts); undefined on PostgreSQL and in-memory SQLite.
   */
  readonly productReadModel: ProductViews | undefined;
  /** The pg pool, for pool metrics (undefined on SQLite). */
  readonly pool: pg.Pool | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** PostgreSQL statement_timeout (default 10 s). */
  statementTimeoutMs?: number;
  /** Where PostgreSQL connection failures are logged. */
  logger?: PoolLogger;
  /** Called once for every statement sent to the database, failed ones included (SQL_STATEMENT_COUNTER). */
  onStatement?: () => void;
  /** SQLite: index entries a filtered catalog page may examine per part (default SQLITE_SEARCH_SCAN_BUDGET; tests lower it). */
  searchScanBudget?: number;
}

/** Kysely's log hook, only when someone listens (logging costs a timer per query otherwise). */
const statementLog = (onStatement: (() => void) | undefined) => (onStatement ? { log: () => onStatement() } : {});

/**
 * Index entries a filtered catalog page may examine per part on SQLite before it answers a short
 * page with a cursor: the reads run on the event loop, so one request's work must stay bounded
 * (ADR 0110).
 */
export const SQLITE_SEARCH_SCAN_BUDGET = 10_000;

const openSqlite = (file: string, options: OpenDatabaseOptions): Database => {
  const kysely = (connection: Parameters<typeof withStatementCache>[0], Dialect: typeof SqliteDialect = SqliteDialect) =>
    new Kysely<DB>({ dialect: new Dialect({ database: withStatementCache(connection) }), ...statementLog(options.onStatement) });
  // The writer's transactions begin IMMEDIATE (sqlite-write-dialect.ts); the reader never opens one.
  const db = kysely(openSqliteWriter(file), SqliteWriteDialect);
  if (file === ':memory:') return { db, reader: db, dialect: 'sqlite', productReadModel: undefined, pool: undefined, close: () => db.destroy() };
  // Opened after the writer has set WAL mode.
  const readConnection = openSqliteReader(file);
  const reader = kysely(readConnection);
  const productReadModel = new SqliteProductReadModel(readConnection, new SqlProductViews(reader), options.searchScanBudget ?? SQLITE_SEARCH_SCAN_BUDGET, options.onStatement);
  const close = async () => {
    await reader.destroy();
    // Last: SQLite checkpoints and removes the WAL when its last connection closes.
    await db.destroy();
  };
  return { db, reader, dialect: 'sqlite', productReadModel, pool: undefined, close };
};

const openPostgres = (url: string, options: OpenDatabaseOptions): Database => {
  const pool = createPostgresPool(url, { size: options.poolSize ?? 10, statementTimeoutMs: options.statementTimeoutMs ?? 10_000, logger: options.logger });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...statementLog(options.onStatement) });
  return { db, reader: db, dialect: 'postgres', productReadModel: undefined, pool, close: () => db.destroy() };
};

/** `sqlite:<file>`, `sqlite::memory:` or `postgres://…`. */
export const openDatabase = (url: string, options: OpenDatabaseOptions = {}): Database => {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  throw new Error('unsupported DATABASE_URL');
};
