import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import pg from 'pg';
import { ensurePrivateFile } from '../security/private-files.js';
import type { DB } from './database.schema.js';
import { registerDirectReader } from './direct-reader.js';
import { rowBuilder, type RowBuilder } from './row-builder.js';
import { startSqliteCheckpointer, type SqliteCheckpointer } from './sqlite-checkpointer.js';

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
  /** The pg pool, for pool metrics (undefined on SQLite). */
  readonly pool: pg.Pool | undefined;
  close(): Promise<void>;
}

// int8 (bigint) arrives as a string by default; our integers are checked safe integers.
const parseSafeInt8 = (v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError('int8 value outside the safe integer range');
  return n;
};
pg.types.setTypeParser(pg.types.builtins.INT8, parseSafeInt8);

/** How many distinct SQL texts keep their prepared statement (multi-row inserts vary by row count). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * A statement that returns rows as objects built in JavaScript from better-sqlite3's raw arrays.
 * better-sqlite3 builds each row object property by property through the V8 API; fetching
 * arrays and building the objects here is cheaper (measured: a 21-row catalog page 61 → 39 µs
 * with a loop, less again with a builder compiled per column list, see row-builder.ts), and row
 * building was most of a catalog page's server time. Same objects, same key order; a repeated
 * column name keeps the last value, as better-sqlite3 does.
 */
const objectRows = (statement: BetterSqlite3.Statement): SqliteStatement => {
  if (!statement.reader) return statement;
  const columnNames = () => statement.columns().map((column) => column.name);
  let width = 0;
  let build: RowBuilder = () => ({});
  const learnColumns = () => {
    const names = columnNames();
    width = names.length;
    build = rowBuilder(names);
  };
  learnColumns();
  const raw = statement.raw(true);
  const toObject = (values: unknown[]): Record<string, unknown> => {
    // SQLite re-prepares a statement after a schema change; `SELECT *` may then return other columns.
    if (values.length !== width) learnColumns();
    return build(values);
  };
  return {
    reader: true,
    all: (parameters) => (raw.all(parameters) as unknown[][]).map(toObject),
    run: (parameters) => raw.run(parameters),
    *iterate(parameters) {
      for (const values of raw.iterate(parameters) as IterableIterator<unknown[]>) yield toObject(values);
    },
  };
};

/**
 * Kysely's SQLite driver calls `prepare(sql)` for every query, and better-sqlite3 compiles
 * the statement each time (profiling: the largest single cost of a catalog read). The same
 * SQL text gets the same compiled statement back. Safe because Kysely runs one query at a
 * time on the one SQLite connection, and SQLite re-prepares a statement itself after a
 * schema change. Bounded: the oldest statement is dropped first.
 */
const cachingStatements = (sqlite: BetterSqlite3.Database): SqliteDatabase => {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = objectRows(sqlite.prepare(sql));
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
};

export interface OpenDatabaseOptions {
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** Called once for every statement sent to the database, failed ones included (SQL_STATEMENT_COUNTER). */
  onStatement?: () => void;
  /** SQLite: checkpoint the WAL on a background thread instead of inside commits (long-running processes). */
  backgroundCheckpoints?: boolean;
}

/** How often the background thread checkpoints, and the main connection's fallback threshold (pages). */
const CHECKPOINT_INTERVAL_MS = 200;
const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

/** Kysely's log hook, only when someone listens (logging costs a timer per query otherwise). */
const statementLog = (onStatement: (() => void) | undefined) => (onStatement ? { log: () => onStatement() } : {});

const openSqlite = (file: string, options: OpenDatabaseOptions): Database => {
  // Created 0600 here, SQLite gives its -wal and -shm files the same mode.
  if (file !== ':memory:') ensurePrivateFile(file);
  const sqlite = new BetterSqlite3(file);
  // WAL: readers never block the writer; NORMAL sync is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (the CLI, a worker) may hold the write lock briefly.
  sqlite.pragma('busy_timeout = 5000');
  // Sorts (the order load's ORDER BY) in memory, never in a temp file. The page cache stays at
  // SQLite's 2 MiB: a bigger one showed no gain, even at 1M products, and counts against RSS.
  sqlite.pragma('temp_store = MEMORY');
  let checkpointer: SqliteCheckpointer | undefined;
  if (options.backgroundCheckpoints && file !== ':memory:') {
    // Commits only append to the WAL; the thread copies it back (see sqlite-checkpointer.ts).
    // Should the thread ever stop, the connection still checkpoints by itself past this size.
    sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    // A WAL that grew under a burst is cut back to 64 MiB once checkpointed.
    sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    let warned = false;
    checkpointer = startSqliteCheckpointer(file, {
      intervalMs: CHECKPOINT_INTERVAL_MS,
      onError: (message) => {
        if (!warned) process.emitWarning(`background WAL checkpoint failed: ${message}`);
        warned = true;
      },
    });
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }), ...statementLog(options.onStatement) });
  const reader = file === ':memory:' ? db : openSqliteReader(file, options);
  const close = async () => {
    if (reader !== db) await reader.destroy();
    await db.destroy();
    // Last: its final checkpoint (and SQLite's on the last close) leave no WAL behind.
    await checkpointer?.stop();
  };
  return { db, reader, dialect: 'sqlite', pool: undefined, close };
};

/** The read-only connection (see Database.reader), opened after the writer has set WAL mode. */
const openSqliteReader = (file: string, options: OpenDatabaseOptions): Kysely<DB> => {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('temp_store = MEMORY');
  const statements = cachingStatements(sqlite);
  const reader = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }), ...statementLog(options.onStatement) });
  const onStatement = options.onStatement;
  registerDirectReader(reader, (sql, parameters) => {
    onStatement?.();
    return statements.prepare(sql).all(parameters);
  });
  return reader;
};

const openPostgres = (url: string, options: OpenDatabaseOptions): Database => {
  const poolSize = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Fail fast when the database is unreachable instead of queueing requests forever.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    // Never let a request hang on a stuck statement.
    statement_timeout: 10_000,
    query_timeout: 15_000,
  });
  // A dropped connection must not crash the process: idle clients report through the
  // pool, checked-out ones through their own 'error' event (their query rejects anyway).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...statementLog(options.onStatement) });
  return { db, reader: db, dialect: 'postgres', pool, close: () => db.destroy() };
};

/** `sqlite:<file>`, `sqlite::memory:` or `postgres://…`. */
export const openDatabase = (url: string, options: OpenDatabaseOptions = {}): Database => {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  throw new Error('unsupported DATABASE_URL');
};
