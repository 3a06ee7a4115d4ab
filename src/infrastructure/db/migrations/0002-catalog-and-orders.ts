import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../database.js';
import { columnTypes } from './column-types.js';

export const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('products')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('sku', 'text', (c) => c.notNull())
    // Lower-cased sku: the unique index is what makes "SKU-1" and "sku-1" one product, even under races.
    .addColumn('sku_normalized', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price_minor', t.bigint, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('stock', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    // The last line of defence: whatever a bug does, stock never goes negative.
    .addCheckConstraint('products_stock_non_negative', sql`stock >= 0`)
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('customer_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // Optimistic concurrency: every save is `WHERE version = ?` and bumps it.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // Keyset paging (id ASC) for a customer, a status, or both.
  await db.schema.createIndex('orders_customer_id_idx').on('orders').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('orders_status_id_idx').on('orders').columns(['status', 'id']).execute();
  await db.schema.createIndex('orders_customer_status_id_idx').on('orders').columns(['customer_id', 'status', 'id']).execute();

  await db.schema
    .createTable('order_items')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('order_id', t.id, (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('product_id', t.id, (c) => c.notNull().references('products.id'))
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_minor', t.bigint, (c) => c.notNull())
    // Lines read back in the order they were added.
    .addColumn('position', 'integer', (c) => c.notNull())
    // One line per product (the aggregate merges); also the index that loads an order's lines.
    .addUniqueConstraint('order_items_order_product_key', ['order_id', 'product_id'])
    .execute();
};
