import { sql, type Kysely } from 'kysely';
import type { OrderHistoryEvent } from '../../../domain/orders/order-history.js';
import type { OrderHistoryRepository } from '../../../domain/orders/order-history.repository.port.js';
import type { DB, OrderHistoryTable } from '../database.schema.js';
import { historyFromRow, historyToRow } from '../mappers/order-history.mapper.js';
import type { PendingRows } from './pending-rows.js';

/** One statement per event, literal SQL like the other statements of an order change (ADR 0010). */
const insertEvent = (db: Kysely<DB>, r: OrderHistoryTable) =>
  sql`INSERT INTO order_history (order_id, version, type, at, actor_id, actor_role, data)
    VALUES (${r.order_id}, ${r.version}, ${r.type}, ${r.at}, ${r.actor_id}, ${r.actor_role}, ${r.data})`.execute(db);

/**
 * The order's audit trail. Bound to the unit of work's executor; never commits. With `pending`
 * (PostgreSQL) an appended row waits for the unit of work's flush before COMMIT, which writes it
 * with the change's outbox rows in one statement (see pending-rows.ts).
 */
export class SqlOrderHistoryRepository implements OrderHistoryRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly pending?: PendingRows,
  ) {}

  async append(event: OrderHistoryEvent): Promise<void> {
    if (this.pending) this.pending.addHistory(historyToRow(event));
    else await insertEvent(this.db, historyToRow(event));
  }

  async listFor(orderId: string, page: { afterVersion: number; limit: number }): Promise<OrderHistoryEvent[]> {
    const rows = await this.db
      .selectFrom('order_history')
      .selectAll()
      .where('order_id', '=', orderId)
      .where('version', '>', page.afterVersion)
      .orderBy('version')
      .limit(page.limit)
      .execute();
    return rows.map(historyFromRow);
  }
}
