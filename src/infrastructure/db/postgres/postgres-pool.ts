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

export const createPostgresPool = (url: string, size: number): pg.Pool => {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    types,
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
  return pool;
};
