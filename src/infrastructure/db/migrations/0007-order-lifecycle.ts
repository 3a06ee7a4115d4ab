import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * Orders ship and arrive, and every version of an order gets a history event.
 * Orders older than this migration get what can be derived: a `created` event (version 1,
 * by their customer, lines unknown) and, for a confirmed order, its `confirmed` event (only
 * the owner confirms, and nothing but a cancellation follows it, so it is the current version).
 * Their other versions, and who cancelled an old cancelled order, were never recorded.
 */
export const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  const t = columnTypes(dialect);
  await db.schema.alterTable('orders').addColumn('carrier', 'text').execute();
  await db.schema.alterTable('orders').addColumn('tracking_number', 'text').execute();
  await db.schema.alterTable('orders').addColumn('shipped_at', t.timestamp).execute();
  await db.schema.alterTable('orders').addColumn('delivered_at', t.timestamp).execute();
  // The admin's date-range filter (created_at) pages by id: one index serves the range, id breaks ties.
  await db.schema.createIndex('orders_created_at_id_idx').on('orders').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('order_history')
    .addColumn('order_id', t.id, (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('actor_id', t.id, (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    // The change's own members (item, carrier…) as JSON text: read back whole, never queried into.
    .addColumn('data', 'text', (c) => c.notNull())
    // Exactly one event per version; also the index that reads an order's history in order.
    .addPrimaryKeyConstraint('order_history_pkey', ['order_id', 'version'])
    .execute();

  await sql`INSERT INTO order_history (order_id, version, type, at, actor_id, actor_role, data)
    SELECT o.id, 1, 'created', o.created_at, o.customer_id, u.role, '{"items":null}'
    FROM orders o JOIN users u ON u.id = o.customer_id`.execute(db);
  await sql`INSERT INTO order_history (order_id, version, type, at, actor_id, actor_role, data)
    SELECT o.id, o.version, 'confirmed', o.updated_at, o.customer_id, u.role, '{}'
    FROM orders o JOIN users u ON u.id = o.customer_id
    WHERE o.status = 'confirmed' AND o.version > 1`.execute(db);
};
