import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * The sales report sums stored order totals per UTC day of confirmation, in the database.
 *
 * - `total_minor`: the order's total in minor units, written by the repository from the
 *   aggregate on every save, so a report sums one column instead of joining every line.
 *   Backfilled from the lines of existing orders (Σ quantity × unit price, exact).
 * - `confirmed_at`: when the order was confirmed, null while it never was. Existing orders
 *   kept no confirmation time, so those confirmed (or moved past confirmation: anything not
 *   pending or cancelled) get their `updated_at` — an APPROXIMATION: it is the confirmation
 *   time only if nothing changed the order afterwards. Cancelled orders stay null (the report
 *   leaves them out anyway), as do pending ones.
 * - The index serves the report's one range scan (currency, then time). Partial: pending
 *   orders, whose total changes with every line, never touch it; status and total make it
 *   covering, so the report need not read the table rows.
 */
export const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  const t = columnTypes(dialect);
  await db.schema.alterTable('orders').addColumn('total_minor', t.bigint, (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('orders').addColumn('confirmed_at', t.timestamp).execute();
  await sql`UPDATE orders SET total_minor = coalesce(
      (SELECT cast(sum(i.quantity * i.unit_price_minor) AS bigint) FROM order_items AS i WHERE i.order_id = orders.id), 0)`.execute(db);
  await sql`UPDATE orders SET confirmed_at = updated_at WHERE status NOT IN ('pending', 'cancelled')`.execute(db);
  await db.schema
    .createIndex('orders_sales_idx')
    .on('orders')
    .columns(['currency', 'confirmed_at', 'status', 'total_minor'])
    .where(sql.ref('confirmed_at'), 'is not', null)
    .execute();
};
