import { DependencyUnavailable } from '../../application/shared/dependency-unavailable.error.js';
import { UnstorableInput } from '../../application/shared/unstorable-input.error.js';
import { DomainError } from '../../domain/shared/domain-error.js';

/** What better-sqlite3 and pg put on their errors (Node's socket errors too). */
interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

const asDriverError = (error: unknown): DriverError => (typeof error === 'object' && error !== null ? error : {});

/** Recognises a unique-constraint violation from either driver, optionally on one constraint/column. */
export const isUniqueViolation = (error: unknown, hint?: string): boolean => {
  const e = asDriverError(error);
  const unique = e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!unique || hint === undefined) return unique;
  return String(e.constraint ?? '').includes(hint) || String(e.message ?? '').includes(hint);
};

/**
 * "The database is unreachable right now": sockets refused or reset, PostgreSQL shutting down
 * or refusing connections (class 08, 57P01/57P03).
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08000', '08001', '08003', '08006']);
/**
 * SQLite busy or locked, under any extended code better-sqlite3 reports: a lock another process
 * kept past busy_timeout (SQLITE_BUSY), a commit another process made after this transaction
 * read (SQLITE_BUSY_SNAPSHOT, returned at once, without waiting), recovery, a locked table.
 * All say "database is locked" and all pass: retry later.
 */
const SQLITE_BUSY_OR_LOCKED = /^SQLITE_(BUSY|LOCKED)(_[A-Z]+)?$/;
// pg's pool and client report timeouts and lost connections by message only.
const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout|is not queryable|Connection ended unexpectedly/i;

/** PostgreSQL: a NUL character (22021) or text the server encoding cannot hold (22P05). */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

/**
 * A driver error as the application's typed error (DependencyUnavailable, UnstorableInput);
 * anything else — our own errors included — unchanged.
 */
export const translateDriverError = (error: unknown): unknown => {
  if (error instanceof DomainError) return error;
  const e = asDriverError(error);
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || SQLITE_BUSY_OR_LOCKED.test(e.code))) return new DependencyUnavailable('the database', { cause: error });
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return new DependencyUnavailable('the database', { cause: error });
  if (typeof e.code === 'string' && UNSTORABLE_TEXT_CODES.has(e.code)) return new UnstorableInput({ cause: error });
  return error;
};
