import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, OrderItemsTable, OrdersTable, OutboxTable } from '../database.schema.js';
import type { OrderJoinRow } from '../mappers/order.mapper.js';

/*
 * PostgreSQL's order statements: a constant number of round trips whatever the number of lines
 * (docs/adr/0150). Lists travel as arrays (`unnest`), so each statement has ONE text, prepared
 * once per connection. More rows written in the same change (a history row per order version)
 * go in as one more CTE of these statements, never as a statement per row.
 */

/** The joined rows of the order, plus the version its snapshot saw (see lockAndLoadOrder). */
export interface LockedOrderRow extends OrderJoinRow {
  seen_version: number | null;
}

/**
 * Locks the order row and loads it with its items in one statement. A statement that waited for
 * the lock re-reads the locked row (its latest version) but not the joined items, which come from
 * the snapshot taken before the wait: `seen_version` is the version that snapshot saw, so a
 * difference means a writer committed meanwhile and the items must be read again (the caller
 * does, with the lock already held). Without contention that second read never happens.
 */
export const lockAndLoadOrder = (db: Kysely<DB>, id: string) =>
  sql<LockedOrderRow>`SELECT o.id, o.customer_id, o.status, o.currency, o.version, o.created_at, o.updated_at,
    (SELECT s.version FROM orders AS s WHERE s.id = ${id}) AS seen_version,
    i.id AS item_id, i.product_id, i.product_name, i.quantity, i.unit_price_minor, i.position
    FROM orders AS o LEFT JOIN order_items AS i ON i.order_id = o.id
    WHERE o.id = ${id} ORDER BY i.position FOR UPDATE OF o`.execute(db);

/**
 * A new order and all its lines in one statement: the order in a CTE, the lines from arrays.
 * (The foreign key from the lines is checked at the end of the statement, after both inserts.)
 */
export const insertOrderWithItems = (db: Kysely<DB>, o: OrdersTable, items: readonly OrderItemsTable[]) =>
  sql`WITH inserted_order AS (
      INSERT INTO orders (id, customer_id, status, currency, version, created_at, updated_at)
      VALUES (${o.id}, ${o.customer_id}, ${o.status}, ${o.currency}, ${o.version}, ${o.created_at}, ${o.updated_at})
      RETURNING id
    )
    INSERT INTO order_items (id, order_id, product_id, product_name, quantity, unit_price_minor, position)
    SELECT * FROM unnest(${items.map((i) => i.id)}::text[], ${items.map((i) => i.order_id)}::text[], ${items.map((i) => i.product_id)}::text[],
      ${items.map((i) => i.product_name)}::text[], ${items.map((i) => i.quantity)}::int[], ${items.map((i) => i.unit_price_minor)}::bigint[],
      ${items.map((i) => i.position)}::int[])`.execute(db);

/** Outbox rows as the arrays the statements below unnest. */
const outboxArrays = (rows: readonly Insertable<OutboxTable>[]) => ({
  ids: rows.map((r) => r.id),
  types: rows.map((r) => r.type),
  aggregates: rows.map((r) => r.aggregate_id),
  payloads: rows.map((r) => r.payload),
  occurred: rows.map((r) => r.occurred_at),
});

/**
 * The versioned order update and the change's outbox rows in one statement: the rows are inserted
 * only when the update found the expected version (`saved` answers 0 otherwise: a concurrent
 * update, and nothing was written). A history row per order version goes in as one more CTE
 * reading from `saved` (add the columns it needs to its RETURNING).
 */
export const saveOrderWithOutbox = (db: Kysely<DB>, o: OrdersTable, outbox: readonly Insertable<OutboxTable>[]) => {
  const e = outboxArrays(outbox);
  return sql<{ saved: number }>`WITH saved AS (
      UPDATE orders SET status = ${o.status}, currency = ${o.currency}, updated_at = ${o.updated_at}, version = version + 1
      WHERE id = ${o.id} AND version = ${o.version}
      RETURNING id
    ), events AS (
      INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at)
      SELECT e.id, e.type, e.aggregate_id, e.payload, e.occurred_at, 'pending', 0, e.occurred_at
      FROM unnest(${e.ids}::text[], ${e.types}::text[], ${e.aggregates}::text[], ${e.payloads}::text[], ${e.occurred}::timestamptz[])
        AS e(id, type, aggregate_id, payload, occurred_at)
      WHERE EXISTS (SELECT 1 FROM saved)
    )
    SELECT count(*)::int AS saved FROM saved`.execute(db);
};

/** Outbox rows no order save carried, in one statement, just before COMMIT. */
export const insertOutboxRows = (db: Kysely<DB>, outbox: readonly Insertable<OutboxTable>[]) => {
  const e = outboxArrays(outbox);
  return sql`INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at)
    SELECT e.id, e.type, e.aggregate_id, e.payload, e.occurred_at, 'pending', 0, e.occurred_at
    FROM unnest(${e.ids}::text[], ${e.types}::text[], ${e.aggregates}::text[], ${e.payloads}::text[], ${e.occurred}::timestamptz[])
      AS e(id, type, aggregate_id, payload, occurred_at)`.execute(db);
};
