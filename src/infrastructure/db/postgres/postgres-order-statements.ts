import { sql, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import type { DB, OrderHistoryTable, OrderItemsTable, OrdersTable, OutboxTable } from '../database.schema.js';
import type { OrderJoinRow } from '../mappers/order.mapper.js';

/*
 * PostgreSQL's order statements: a constant number of round trips whatever the number of lines
 * (docs/adr/0150). Lists travel as arrays (`unnest`), so each statement has ONE text, prepared
 * once per connection. More rows written in the same change go in as one more CTE of these
 * statements, never as a statement per row.
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
    o.total_minor, o.confirmed_at, o.carrier, o.tracking_number, o.shipped_at, o.delivered_at,
    (SELECT s.version FROM orders AS s WHERE s.id = ${id}) AS seen_version,
    i.id AS item_id, i.product_id, i.product_name, i.quantity, i.unit_price_minor, i.position
    FROM orders AS o LEFT JOIN order_items AS i ON i.order_id = o.id
    WHERE o.id = ${id} ORDER BY i.position FOR UPDATE OF o`.execute(db);

/** Outbox rows as the arrays the statements below unnest. */
const outboxArrays = (rows: readonly Insertable<OutboxTable>[]) => ({
  ids: rows.map((r) => r.id),
  types: rows.map((r) => r.type),
  aggregates: rows.map((r) => r.aggregate_id),
  payloads: rows.map((r) => r.payload),
  occurred: rows.map((r) => r.occurred_at),
});

/** Order-history rows as the arrays the statements below unnest. */
const historyArrays = (rows: readonly OrderHistoryTable[]) => ({
  orders: rows.map((r) => r.order_id),
  versions: rows.map((r) => r.version),
  types: rows.map((r) => r.type),
  at: rows.map((r) => r.at),
  actors: rows.map((r) => r.actor_id),
  roles: rows.map((r) => r.actor_role),
  data: rows.map((r) => r.data),
});

/** The rows of one history CTE and one outbox CTE, from arrays (the statements below share them). */
const historyAndEvents = (history: readonly OrderHistoryTable[], outbox: readonly Insertable<OutboxTable>[], guard: RawBuilder<unknown>) => {
  const e = outboxArrays(outbox);
  const h = historyArrays(history);
  return sql`history AS (
      INSERT INTO order_history (order_id, version, type, at, actor_id, actor_role, data)
      SELECT h.order_id, h.version, h.type, h.at, h.actor_id, h.actor_role, h.data
      FROM unnest(${h.orders}::text[], ${h.versions}::int[], ${h.types}::text[], ${h.at}::timestamptz[], ${h.actors}::text[], ${h.roles}::text[], ${h.data}::text[])
        AS h(order_id, version, type, at, actor_id, actor_role, data)
      ${guard}
    ), events AS (
      INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at)
      SELECT e.id, e.type, e.aggregate_id, e.payload, e.occurred_at, 'pending', 0, e.occurred_at
      FROM unnest(${e.ids}::text[], ${e.types}::text[], ${e.aggregates}::text[], ${e.payloads}::text[], ${e.occurred}::timestamptz[])
        AS e(id, type, aggregate_id, payload, occurred_at)
      ${guard}
    )`;
};

/**
 * A new order, its lines, its history row and its events in one statement (the foreign keys
 * are checked at the end of the statement, after every insert); outside a unit of work's
 * held rows, with no history or events.
 */
export const insertOrderWithRows = (
  db: Kysely<DB>,
  o: OrdersTable,
  items: readonly OrderItemsTable[],
  history: readonly OrderHistoryTable[],
  outbox: readonly Insertable<OutboxTable>[],
) =>
  sql`WITH inserted_order AS (
      INSERT INTO orders (id, customer_id, status, currency, version, created_at, updated_at, total_minor, confirmed_at)
      VALUES (${o.id}, ${o.customer_id}, ${o.status}, ${o.currency}, ${o.version}, ${o.created_at}, ${o.updated_at}, ${o.total_minor}, ${o.confirmed_at})
      RETURNING id
    ), lines AS (
      INSERT INTO order_items (id, order_id, product_id, product_name, quantity, unit_price_minor, position)
      SELECT * FROM unnest(${items.map((i) => i.id)}::text[], ${items.map((i) => i.order_id)}::text[], ${items.map((i) => i.product_id)}::text[],
        ${items.map((i) => i.product_name)}::text[], ${items.map((i) => i.quantity)}::int[], ${items.map((i) => i.unit_price_minor)}::bigint[],
        ${items.map((i) => i.position)}::int[])
    ), ${historyAndEvents(history, outbox, sql``)}
    SELECT count(*)::int AS inserted FROM inserted_order`.execute(db);

/**
 * The versioned order update and the rows of the change (outbox, history) in one statement:
 * the rows are inserted only when the update found the expected version (`saved` answers 0
 * otherwise: a concurrent update, and nothing was written).
 */
export const saveOrderWithRows = (db: Kysely<DB>, o: OrdersTable, history: readonly OrderHistoryTable[], outbox: readonly Insertable<OutboxTable>[]) =>
  sql<{ saved: number }>`WITH saved AS (
      UPDATE orders SET status = ${o.status}, currency = ${o.currency}, updated_at = ${o.updated_at}, version = version + 1,
        total_minor = ${o.total_minor}, confirmed_at = ${o.confirmed_at},
        carrier = ${o.carrier}, tracking_number = ${o.tracking_number}, shipped_at = ${o.shipped_at}, delivered_at = ${o.delivered_at}
      WHERE id = ${o.id} AND version = ${o.version}
      RETURNING id
    ), ${historyAndEvents(history, outbox, sql`WHERE EXISTS (SELECT 1 FROM saved)`)}
    SELECT count(*)::int AS saved FROM saved`.execute(db);

/**
 * History and outbox rows no order write carried (events of other aggregates, an order change
 * that also changed lines), in one statement, just before COMMIT; only the tables with rows are
 * written.
 */
export const insertPendingRows = (db: Kysely<DB>, history: readonly OrderHistoryTable[], outbox: readonly Insertable<OutboxTable>[]) => {
  const e = outboxArrays(outbox);
  const h = historyArrays(history);
  const historyRows = sql`SELECT * FROM unnest(${h.orders}::text[], ${h.versions}::int[], ${h.types}::text[], ${h.at}::timestamptz[], ${h.actors}::text[], ${h.roles}::text[], ${h.data}::text[])`;
  const outboxRows = sql`SELECT e.id, e.type, e.aggregate_id, e.payload, e.occurred_at, 'pending', 0, e.occurred_at
    FROM unnest(${e.ids}::text[], ${e.types}::text[], ${e.aggregates}::text[], ${e.payloads}::text[], ${e.occurred}::timestamptz[])
      AS e(id, type, aggregate_id, payload, occurred_at)`;
  if (outbox.length === 0) return sql`INSERT INTO order_history (order_id, version, type, at, actor_id, actor_role, data) ${historyRows}`.execute(db);
  if (history.length === 0) return sql`INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at) ${outboxRows}`.execute(db);
  return sql`WITH history AS (INSERT INTO order_history (order_id, version, type, at, actor_id, actor_role, data) ${historyRows})
    INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at) ${outboxRows}`.execute(db);
};
