/**
 * Runs a compiled read synchronously on a SQLite read connection, past Kysely's executor.
 *
 * Kysely's SQLite driver serialises every query through one connection mutex, promise hops and
 * its plugin chain — sensible for a connection that also holds transactions, pure overhead for
 * a read-only connection that better-sqlite3 drives synchronously (a call cannot interleave
 * with another). Only the read connection is registered (see database.ts); transactions and the
 * writer always take Kysely's path. Used by preparedQuery for its hottest reads.
 */
export type DirectReader = (sql: string, parameters: readonly unknown[]) => unknown[];

const readers = new WeakMap<object, DirectReader>();

export const registerDirectReader = (executor: object, reader: DirectReader): void => {
  readers.set(executor, reader);
};

/** The direct reader for this Kysely instance, if it is a registered read connection. */
export const directReaderOf = (executor: object): DirectReader | undefined => readers.get(executor);
