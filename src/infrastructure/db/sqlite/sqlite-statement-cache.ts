import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct SQL texts keep their prepared statement (multi-row inserts vary by row count). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The better-sqlite3 connection as Kysely's SqliteDialect sees it, with its statements kept:
 * Kysely's driver calls `prepare(sql)` for every query and better-sqlite3 would compile the
 * statement each time (profiling: the largest single cost of a catalog read). Safe because
 * Kysely runs one query at a time per connection and SQLite re-prepares a statement itself
 * after a schema change. Bounded: the oldest statement is dropped first.
 */
export const withStatementCache = (sqlite: BetterSqlite3.Database): SqliteDatabase => {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
};
