import type { Insertable } from 'kysely';
import type { OutboxTable } from '../database.schema.js';

/**
 * PostgreSQL, one per transaction: outbox rows added but not yet written. The order save that
 * follows carries them in its own statement (postgres-order-statements.ts, saveOrderWithOutbox);
 * whatever no save carried, the unit of work writes just before COMMIT. Nothing reads the outbox
 * inside a transaction, so writing its rows later in the same transaction changes nothing else.
 */
export class PendingOutboxRows {
  private rows: Insertable<OutboxTable>[] = [];

  add(rows: readonly Insertable<OutboxTable>[]): void {
    this.rows.push(...rows);
  }

  /** The rows not yet written; the caller writes them. */
  take(): Insertable<OutboxTable>[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }
}
