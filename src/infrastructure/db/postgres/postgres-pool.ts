import pg from 'pg';

/** int8 (bigint: counts, sums) arrives as text by default; ours are checked safe integers. */
const parseSafeInt8 = (v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError('int8 value outside the safe integer range');
  return n;
};

/** This pool's type parsers: int8 as a number, everything else pg's default (no process-wide setTypeParser). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? parseSafeInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Where the pool reports connections that fail (pino's shape). */
export interface PoolLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PostgresPoolOptions {
  size: number;
  /** Server-side statement_timeout; the client gives up 5 s later (a server that stopped answering). */
  statementTimeoutMs: number;
  logger?: PoolLogger | undefined;
}

/** The pg client settings every connection of ours uses (the pool's and the outbox listener's). */
export const postgresClientConfig = (url: string, statementTimeoutMs: number): pg.ClientConfig => ({
  connectionString: url,
  types,
  // Fail fast when the database is unreachable instead of queueing requests forever.
  connectionTimeoutMillis: 3_000,
  // Never let a request hang on a stuck statement.
  statement_timeout: statementTimeoutMs,
  query_timeout: statementTimeoutMs + 5_000,
});

export const createPostgresPool = (url: string, options: PostgresPoolOptions): pg.Pool => {
  const pool = new pg.Pool({ ...postgresClientConfig(url, options.statementTimeoutMs), max: options.size, idleTimeoutMillis: 30_000 });
  // A dropped connection must not crash the process, nor pass unnoticed: idle clients report
  // through the pool, checked-out ones through their own 'error' event (their query rejects anyway).
  const { logger } = options;
  pool.on('error', (err) => logger?.error({ err }, 'an idle PostgreSQL connection failed; the pool replaces it'));
  pool.on('connect', (client) => client.on('error', (err) => logger?.warn({ err }, 'a PostgreSQL connection in use failed')));
  return pool;
};
