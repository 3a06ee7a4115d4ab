import type { Insertable, Kysely } from 'kysely';
import type { DB, OrderHistoryTable, OutboxTable } from '../database.schema.js';
import { insertPendingRows } from '../postgres/postgres-order-statements.js';

/** Rows added in a PostgreSQL transaction but not yet written. */
export interface PendingRowSet {
  outbox: Insertable<OutboxTable>[];
  history: OrderHistoryTable[];
}

/**
 * PostgreSQL, one per transaction: outbox and order-history rows added but not yet written. The
 * order save that follows carries them in its own statement (postgres-order-statements.ts,
 * saveOrderWithRows); whatever no save carried — a history row is appended after its save —
 * the unit of work writes in one statement just before COMMIT. Nothing reads the outbox or the
 * history inside a transaction, so writing their rows later in the same transaction changes
 * nothing else; a duplicate history version still fails the transaction, at that statement.
 */
export class PendingRows {
  private rows: PendingRowSet = { outbox: [], history: [] };
  private anyOutbox = false;

  addOutbox(rows: readonly Insertable<OutboxTable>[]): void {
    this.rows.outbox.push(...rows);
    if (rows.length > 0) this.anyOutbox = true;
  }

  addHistory(row: OrderHistoryTable): void {
    this.rows.history.push(row);
  }

  /** Whether outbox rows wait: only then does an order save carry the pending rows (see saveOrderWithRows). */
  hasOutbox(): boolean {
    return this.rows.outbox.length > 0;
  }

  /** Whether the transaction added outbox rows, written or not: after its commit a dispatcher is woken. */
  addedOutbox(): boolean {
    return this.anyOutbox;
  }

  /** The rows not yet written; the caller writes them. */
  take(): PendingRowSet {
    const rows = this.rows;
    this.rows = { outbox: [], history: [] };
    return rows;
  }

  /** Writes what no save carried, in one statement; called before COMMIT. */
  async flush(db: Kysely<DB>): Promise<void> {
    const rows = this.take();
    if (rows.outbox.length > 0 || rows.history.length > 0) await insertPendingRows(db, rows.history, rows.outbox);
  }
}
