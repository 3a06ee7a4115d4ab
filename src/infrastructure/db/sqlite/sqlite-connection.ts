import BetterSqlite3 from 'better-sqlite3';
import { ensurePrivateFile } from '../../security/private-files.js';

/** A WAL grown under a burst is cut back to this size once checkpointed. */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The connection that writes. WAL: readers never block the writer; NORMAL sync is durable
 * across process crashes in WAL mode. Checkpoints are SQLite's own (`wal_autocheckpoint`,
 * inside the commit that crosses it): see docs/adr/0011-sqlite-checkpoints.md.
 */
export const openSqliteWriter = (file: string): BetterSqlite3.Database => {
  // Created 0600 here (in a 0700 directory), SQLite gives its -wal and -shm files the same mode.
  if (file !== ':memory:') ensurePrivateFile(file);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  applySharedPragmas(sqlite);
  return sqlite;
};

/**
 * A read-only connection to a file the writer has already put in WAL mode: it sees every
 * committed write and never another connection's open transaction, and never waits for one.
 */
export const openSqliteReader = (file: string): BetterSqlite3.Database => {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  applySharedPragmas(sqlite);
  return sqlite;
};

const applySharedPragmas = (sqlite: BetterSqlite3.Database): void => {
  // Another process (the CLI, a worker) may hold the write lock briefly.
  sqlite.pragma('busy_timeout = 5000');
  // Sorts (the order load's ORDER BY) in memory, never in a temp file; the page cache stays at SQLite's default.
  sqlite.pragma('temp_store = MEMORY');
};
