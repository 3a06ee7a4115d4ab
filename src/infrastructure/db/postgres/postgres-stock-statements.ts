import { sql, type Kysely } from 'kysely';
import type { DB } from '../database.schema.js';

/** What a stock statement answers per product: the new stock and what events about it name. */
export interface StockStatementRow {
  /** `reserved` / `released`: changed; `short` / `archived` / `missing`: a reservation refused for this product (nothing changed). */
  outcome: 'reserved' | 'released' | 'short' | 'archived' | 'missing';
  id: string;
  qty: number;
  stock: number | string | null;
  sku: string | null;
  name: string | null;
}

/** The ledger columns every movement of one change shares (its kind, reason, order, actor and time). */
export interface MovementCause {
  kind: string;
  reason: string;
  orderId: string | null;
  actorId: string | null;
  at: string;
}

/**
 * Every stock decrement of a confirmation and its ledger rows in one statement (docs/adr/0150),
 * all or nothing:
 * - `wanted`: the totals per product with the id of its movement, from arrays (one statement text
 *   for any number of lines);
 * - `locked`: their rows locked in ascending id order, the order every reservation takes them in,
 *   so two confirmations never deadlock; a lock waited for yields the row's latest stock and status;
 * - `refused`: the products missing, archived or without enough stock;
 * - `reserved`: the decrements, made only when nothing is refused and each row still has the
 *   stock (the UPDATE re-reads a row changed under it, so a `locked` value can be stale under
 *   concurrent adjustments: the check constraint would fail with a 500), and `movements`: one
 *   `stock_movements` row per product reserved, from what `reserved` returns.
 * The statement answers one row per refused product, or one per reserved product, ascending id.
 *
 * Every read of `products` names the ids with `= ANY(ids)` besides the join: the statement is
 * prepared, and PostgreSQL soon runs it with a generic plan, which knows nothing of the arrays'
 * lengths (it guesses 100 rows for an `unnest`) — with the join alone that plan scans the whole
 * catalog, twice (seen in EXPLAIN: ~0.9 ms a confirm at 1,000 products). `= ANY` keeps it on the
 * primary key, whatever the plan.
 */
export const reserveStockAllOrNothing = (db: Kysely<DB>, totals: ReadonlyMap<string, number>, movementIds: readonly string[], cause: MovementCause) => {
  const ids = [...totals.keys()];
  return sql<StockStatementRow>`WITH wanted AS (
      SELECT w.id COLLATE "C" AS id, w.qty, w.movement_id
      FROM unnest(${ids}::text[], ${[...totals.values()]}::int[], ${movementIds}::text[]) AS w(id, qty, movement_id)
    ), locked AS (
      SELECT p.id, p.stock, p.status, w.qty FROM products AS p JOIN wanted AS w ON w.id = p.id
      WHERE p.id = ANY(${ids}::text[]) ORDER BY p.id FOR UPDATE OF p
    ), refused AS (
      SELECT w.id, w.qty, CASE WHEN l.id IS NULL THEN 'missing' WHEN l.status <> 'active' THEN 'archived' ELSE 'short' END AS outcome
      FROM wanted AS w LEFT JOIN locked AS l ON l.id = w.id WHERE l.id IS NULL OR l.status <> 'active' OR l.stock < w.qty
    ), reserved AS (
      UPDATE products AS p SET stock = p.stock - l.qty, updated_at = ${cause.at}
      FROM locked AS l WHERE p.id = l.id AND p.id = ANY(${ids}::text[]) AND NOT EXISTS (SELECT 1 FROM refused)
        AND p.stock >= l.qty AND p.status = 'active'
      RETURNING p.id, l.qty, p.stock, p.sku, p.name
    ), movements AS (
      INSERT INTO stock_movements (id, product_id, delta, stock_after, reason, kind, order_id, actor_id, created_at)
      SELECT w.movement_id, r.id, -r.qty, r.stock, ${cause.reason}, ${cause.kind}, ${cause.orderId}, ${cause.actorId}, ${cause.at}
      FROM reserved AS r JOIN wanted AS w ON w.id = r.id
    )
    SELECT outcome, id, qty, NULL::int AS stock, NULL::text AS sku, NULL::text AS name FROM refused
    UNION ALL
    SELECT 'reserved', id, qty, stock, sku, name FROM reserved
    ORDER BY id`.execute(db);
};

/**
 * Units given back by a cancellation and their ledger rows in one statement: the rows locked in
 * ascending id order (the order reservations take), each incremented, and one `stock_movements`
 * row per product from what `released` returns. Answers one row per product released, ascending id.
 * (`= ANY(ids)`: on the primary key under a generic plan too, as in reserveStockAllOrNothing.)
 */
export const releaseStockAndRecord = (db: Kysely<DB>, totals: ReadonlyMap<string, number>, movementIds: readonly string[], cause: MovementCause) => {
  const ids = [...totals.keys()];
  return sql<StockStatementRow>`WITH given AS (
      SELECT g.id COLLATE "C" AS id, g.qty, g.movement_id
      FROM unnest(${ids}::text[], ${[...totals.values()]}::int[], ${movementIds}::text[]) AS g(id, qty, movement_id)
    ), locked AS MATERIALIZED (
      SELECT p.id, g.qty, g.movement_id FROM products AS p JOIN given AS g ON g.id = p.id
      WHERE p.id = ANY(${ids}::text[]) ORDER BY p.id FOR UPDATE OF p
    ), released AS (
      UPDATE products AS p SET stock = p.stock + l.qty, updated_at = ${cause.at}
      FROM locked AS l WHERE p.id = l.id AND p.id = ANY(${ids}::text[])
      RETURNING p.id, l.qty, p.stock, p.sku, p.name, l.movement_id
    ), movements AS (
      INSERT INTO stock_movements (id, product_id, delta, stock_after, reason, kind, order_id, actor_id, created_at)
      SELECT r.movement_id, r.id, r.qty, r.stock, ${cause.reason}, ${cause.kind}, ${cause.orderId}, ${cause.actorId}, ${cause.at}
      FROM released AS r
    )
    SELECT 'released' AS outcome, id, qty, stock, sku, name FROM released ORDER BY id`.execute(db);
};
