import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './database.schema.js';

export type SqlDialect = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
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

const openSqlite = (file: string): Database => {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL: readers never block the writer; NORMAL sync is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (the CLI, a worker) may hold the write lock briefly.
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', pool: undefined, close: () => db.destroy() };
};

const openPostgres = (url: string, poolSize: number): Database => {
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', pool, close: () => db.destroy() };
};

/** `sqlite:<file>`, `sqlite::memory:` or `postgres://…`. */
export const openDatabase = (url: string, options: { poolSize?: number } = {}): Database => {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options.poolSize ?? 10);
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  throw new Error('unsupported DATABASE_URL');
};
