import { sql, type Kysely } from 'kysely';
import type { DB, OrderItemsTable, OrdersTable } from '../database.schema.js';
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
