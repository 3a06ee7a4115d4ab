import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../database.js';
import { columnTypes } from './column-types.js';

/**
 * Catalog search and the stock ledger (docs/adr/0110-catalog-search-indexes.md):
 * - products gain description, status and name_lower (the name lower-cased by the application,
 *   which both the substring search and the name sort read; byte order on both databases);
 * - one index per sort, (status, key, id) ascending and (status, key DESC, id) descending, so every
 *   page of every sort is an index seek; on SQLite they also carry name_lower and sku_normalized so
 *   a search reads the index alone; on PostgreSQL trigram GIN indexes for `q` when pg_trgm can be
 *   installed;
 * - stock_movements, backfilled with one `initial` movement per product equal to its stock, so
 *   "movements sum to stock" holds for products created before the ledger.
 */
export const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  const t = columnTypes(dialect);
  const byteOrderText = (dialect === 'postgres' ? sql`text collate "C"` : 'text') as typeof t.id;
  await db.schema.alterTable('products').addColumn('description', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema
    .alterTable('products')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'archived')`))
    .execute();
  await db.schema.alterTable('products').addColumn('name_lower', byteOrderText, (c) => c.notNull().defaultTo('')).execute();
  await backfillNameLower(db, dialect);

  for (const [name, key] of [['created', 'created_at'], ['name', 'name_lower'], ['price', 'price_minor']] as const) {
    // On SQLite the search text rides along (covering), so a search scans the index alone (ADR 0110).
    const searched = dialect === 'sqlite' ? (key === 'name_lower' ? sql`, sku_normalized` : sql`, name_lower, sku_normalized`) : sql``;
    await sql`create index ${sql.id(`products_${name}_idx`)} on products (status, ${sql.id(key)}, id${searched})`.execute(db);
    await sql`create index ${sql.id(`products_${name}_desc_idx`)} on products (status, ${sql.id(key)} desc, id${searched})`.execute(db);
  }
  if (dialect === 'postgres') await trigramIndexes(db);

  await db.schema
    .createTable('stock_movements')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('product_id', t.id, (c) => c.notNull().references('products.id'))
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('stock_after', 'integer', (c) => c.notNull().check(sql`stock_after >= 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('initial', 'adjustment', 'set', 'order_confirmed', 'order_cancelled')`))
    .addColumn('order_id', t.id)
    .addColumn('actor_id', t.id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  // A product's ledger, oldest first (ids are UUIDv7).
  await db.schema.createIndex('stock_movements_product_idx').on('stock_movements').columns(['product_id', 'id']).execute();

  // The opening balance of every existing product. Its id is the product's own (a UUIDv7 older than any
  // movement written later, so it pages first; no generated id can repeat it).
  const now = new Date().toISOString();
  await sql`insert into stock_movements (id, product_id, delta, stock_after, reason, kind, order_id, actor_id, created_at)
    select id, id, stock, stock, ${'opening stock (ledger started)'}, ${'initial'}, null, null, ${now} from products`.execute(db);
};

/**
 * lower() in SQL is ASCII-only on SQLite (and collation-dependent on PostgreSQL), while the
 * application lower-cases with JavaScript: SQL does the ASCII names at once, JavaScript the rest.
 */
const backfillNameLower = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  await sql`update products set name_lower = lower(name)`.execute(db);
  const nonAscii = dialect === 'postgres' ? sql`name ~ '[^ -~]'` : sql`name glob '*[^ -~]*'`;
  const rows = await sql<{ id: string; name: string }>`select id, name from products where ${nonAscii}`.execute(db);
  for (const row of rows.rows) await sql`update products set name_lower = ${row.name.toLowerCase()} where id = ${row.id}`.execute(db);
};

/**
 * `q` is a substring match; a trigram GIN index answers LIKE '%…%' without reading every row.
 * pg_trgm ships with PostgreSQL and is a trusted extension (a database owner may create it); where
 * it is missing, search still works, by scanning the sort index.
 */
const trigramIndexes = async (db: Kysely<unknown>): Promise<void> => {
  const available = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (!available.rows[0]?.n) return;
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index products_name_trgm_idx on products using gin (name_lower gin_trgm_ops)`.execute(db);
  await sql`create index products_sku_trgm_idx on products using gin (sku_normalized gin_trgm_ops)`.execute(db);
};
