import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { DB } from './database.schema.js';
import { directReaderOf } from './direct-reader.js';

/**
 * A query built and compiled once (per dialect), then executed with fresh values —
 * Kysely's "splitting build, compile and execute" recipe, for the hottest statements.
 *
 * Why: in the running server Kysely's builder and compiler cost about as much as SQLite
 * executing a primary-key lookup (~10 µs per statement; its visitors go megamorphic once
 * the app uses many query shapes), and they produce the same SQL for every request.
 *
 * How: `build` is called once with a unique placeholder per argument; the compiled
 * parameters are scanned for the placeholders, so the order of the values in the SQL is
 * learnt from the compiler, never assumed. Values the builder fixed itself ('pending', a
 * literal limit) stay as compiled. Every argument must end up as a bound parameter (one
 * that does not — e.g. used to choose the query's shape — is refused at first use), and an
 * argument must be a single value: a list (`IN (…)`) changes the SQL with its length.
 *
 * On SQLite's read connection the statement runs synchronously, past Kysely's executor (see
 * direct-reader.ts); so the built query must not rely on a Kysely plugin to shape its rows.
 */
export const preparedQuery = <Args extends readonly unknown[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
): ((db: Kysely<DB>, ...args: Args) => Promise<QueryResult<Row>>) => {
  // Keyed by the dialect adapter: the root instance and its transactions share it, and
  // another database (a test's) compiles its own.
  const compiled = new WeakMap<object, { query: CompiledQuery<Row>; slots: readonly number[] }>();

  const prepare = (db: Kysely<DB>, arity: number) => {
    const placeholders = Array.from({ length: arity }, (_, i) => `\u0000prepared-arg-${i}\u0000`);
    const query = build(db, ...(placeholders as unknown as Args)).compile();
    const slots = query.parameters.map((p) => (typeof p === 'string' ? placeholders.indexOf(p) : -1));
    placeholders.forEach((_, i) => {
      if (!slots.includes(i)) throw new Error(`preparedQuery: argument ${i} is not a bound parameter of ${query.sql}`);
    });
    return { query, slots };
  };

  return (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let entry = compiled.get(adapter);
    if (entry === undefined) {
      try {
        entry = prepare(db, args.length);
      } catch (e) {
        return Promise.reject(e as Error);
      }
      compiled.set(adapter, entry);
    }
    const { query, slots } = entry;
    const parameters = slots.map((slot, i) => (slot >= 0 ? args[slot] : query.parameters[i]));
    const direct = directReaderOf(db);
    if (direct !== undefined) {
      try {
        return Promise.resolve({ rows: direct(query.sql, parameters) as Row[] });
      } catch (e) {
        return Promise.reject(e as Error);
      }
    }
    return db.executeQuery<Row>({ ...query, parameters });
  };
};
