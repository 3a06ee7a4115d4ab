import type { Insertable, Kysely } from 'kysely';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { DB, OrderHistoryTable, OrderItemsTable, OrdersTable, OutboxTable } from '../database.schema.js';
import { insertOrderWithRows, insertPendingRows, saveOrderWithRows } from '../postgres/postgres-order-statements.js';

/** Rows added in a PostgreSQL transaction but not yet written. */
export interface PendingRowSet {
  outbox: Insertable<OutboxTable>[];
  history: OrderHistoryTable[];
}

/** An order write held back to go out with the change's history and outbox rows. */
export type PendingOrderWrite =
  | { readonly kind: 'insert'; readonly row: OrdersTable; readonly items: readonly OrderItemsTable[] }
  | { readonly kind: 'save'; readonly row: OrdersTable };

/** The version guard's refusal, whether the save ran at once or with the rows before COMMIT. */
export const orderChangedMeanwhile = (): DomainError => new DomainError('order.concurrent_update', 'the order was changed by someone else meanwhile');

/**
 * PostgreSQL, one per transaction: outbox and order-history rows added but not yet written. The
 * order save that follows carries them in its own statement (postgres-order-statements.ts,
 * saveOrderWithRows); whatever no save carried — a history row is appended after its save —
 * the unit of work writes in one statement just before COMMIT. Nothing reads the outbox or the
 * history inside a transaction, so writing their rows later in the same transaction changes
 * nothing else; a duplicate history version still fails the transaction, at that statement.
 *
 * An order insert, and a save that changes no line, are held back too (SqlOrderRepository), so
 * an order change is one statement with its history row and events: the order repository
 * writes a held order before it reads orders again, and a lost version race still fails the
 * transaction before COMMIT, as the save would have.
 */
export class PendingRows {
  private rows: PendingRowSet = { outbox: [], history: [] };
  private order: PendingOrderWrite | undefined;
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

  /** Holds an order write back until the flush; the caller has written any earlier one (`hasOrder`). */
  holdOrder(write: PendingOrderWrite): void {
    this.order = write;
  }

  hasOrder(): boolean {
    return this.order !== undefined;
  }

  /** Writes what is held, in one statement; called before COMMIT (and before orders are read again). */
  async flush(db: Kysely<DB>): Promise<void> {
    const order = this.order;
    this.order = undefined;
    const rows = this.take();
    if (order?.kind === 'insert') {
      await insertOrderWithRows(db, order.row, order.items, rows.history, rows.outbox);
    } else if (order?.kind === 'save') {
      const { saved } = (await saveOrderWithRows(db, order.row, rows.history, rows.outbox)).rows[0] ?? { saved: 0 };
      if (saved === 0) throw orderChangedMeanwhile();
    } else if (rows.outbox.length > 0 || rows.history.length > 0) {
      await insertPendingRows(db, rows.history, rows.outbox);
    }
  }
}
