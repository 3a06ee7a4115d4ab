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

/** At most this many distinct statement texts get a name (Kysely builds a new text per IN-list length). */
const MAX_PREPARED_STATEMENTS = 500;
const statementNames = new Map<string, string>();
let namesGiven = 0;

/** The name the statement `text` is prepared under on every connection, or undefined past the cap. */
const statementName = (text: string): string | undefined => {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED_STATEMENTS) {
    name = `s${++namesGiven}`;
    statementNames.set(text, name);
  }
  return name;
};

/** A prepared statement's result shape changed under it (a migration added a column to a `select *`). */
const isStalePlan = (err: unknown): boolean =>
  err instanceof Error && 'code' in err && err.code === '0A000' && err.message.includes('cached plan must not change result type');

/** What pg reads from a `Query` it is handed (its typings leave these out). */
interface PendingQuery {
  name?: string;
  callback?: (err: Error | null | undefined, result: pg.QueryResult) => void;
}

/*
 * Server-side prepared statements for every parameterised statement (docs/adr/0150): the pg
 * driver parses and plans a named statement once per connection and afterwards only binds
 * and executes it. Kysely calls `query(text, values)`; this gives that text a stable name.
 * Statements without parameters (BEGIN, COMMIT) keep the simple protocol, which is cheaper.
 *
 * The named statement is handed to pg as a ready `Query` built from the text (not a
 * `{ name, text, values }` config object, which pg copies property by property on every call)
 * with its own callback, so a statement costs one promise instead of two chained ones.
 */
class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statementName(text);
      if (name !== undefined) {
        return new Promise<pg.QueryResult>((resolve, reject) => {
          const query = new pg.Query<pg.QueryResultRow>(text, values) as pg.Query & PendingQuery;
          query.name = name;
          query.callback = (err, result) => {
            if (!err) return resolve(result);
            // A schema change under a running node: this request fails once, and from now on
            // every connection prepares the statement afresh under a new name.
            if (isStalePlan(err) && statementNames.get(text) === name) statementNames.set(text, `s${++namesGiven}`);
            reject(err);
          };
          (super.query as (q: unknown) => unknown)(query);
        }) as never;
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

export const createPostgresPool = (url: string, options: PostgresPoolOptions): pg.Pool => {
  const pool = new pg.Pool({ ...postgresClientConfig(url, options.statementTimeoutMs), max: options.size, idleTimeoutMillis: 30_000, Client: PreparingClient });
  // A dropped connection must not crash the process, nor pass unnoticed: idle clients report
  // through the pool, checked-out ones through their own 'error' event (their query rejects anyway).
  const { logger } = options;
  pool.on('error', (err) => logger?.error({ err }, 'an idle PostgreSQL connection failed; the pool replaces it'));
  pool.on('connect', (client) => client.on('error', (err) => logger?.warn({ err }, 'a PostgreSQL connection in use failed')));
  return pool;
};
