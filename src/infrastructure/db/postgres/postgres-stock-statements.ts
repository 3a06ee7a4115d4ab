import { sql, type Kysely } from 'kysely';
import type { DB } from '../database.schema.js';

/**
 * Every stock decrement of a confirmation in one statement (docs/adr/0150), all or nothing:
 * - `wanted`: the totals per product, from two arrays (one statement text for any number of lines);
 * - `locked`: their rows locked in ascending id order, the order every reservation takes them in,
 *   so two confirmations never deadlock; a lock waited for yields the row's latest stock;
 * - `short`: the products without enough stock (or missing);
 * - `reserved`: the decrements, made only when nothing is short. It returns each product's id,
 *   the quantity taken and the stock left: a stock-movement row per product goes in as one more
 *   CTE reading from it (`INSERT INTO … SELECT … FROM reserved`).
 * The statement answers the short product ids, ascending; none means everything was reserved.
 */
export const reserveStockAllOrNothing = (db: Kysely<DB>, totals: ReadonlyMap<string, number>, now: string) =>
  sql<{ id: string }>`WITH wanted AS (
      SELECT w.id COLLATE "C" AS id, w.qty FROM unnest(${[...totals.keys()]}::text[], ${[...totals.values()]}::int[]) AS w(id, qty)
    ), locked AS (
      SELECT p.id, p.stock, w.qty FROM products AS p JOIN wanted AS w ON w.id = p.id ORDER BY p.id FOR UPDATE OF p
    ), short AS (
      SELECT w.id FROM wanted AS w LEFT JOIN locked AS l ON l.id = w.id WHERE l.id IS NULL OR l.stock < w.qty
    ), reserved AS (
      UPDATE products AS p SET stock = p.stock - l.qty, updated_at = ${now}
      FROM locked AS l WHERE p.id = l.id AND NOT EXISTS (SELECT 1 FROM short)
      RETURNING p.id, l.qty, p.stock
    )
    SELECT id FROM short ORDER BY id`.execute(db);
