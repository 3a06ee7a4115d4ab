import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../database.js';
import { searchTextOf } from '../mappers/product.mapper.js';

/**
 * Catalog search reads one folded column (docs/adr/0111-catalog-search-text.md):
 * - products.search_text: the name and the SKU folded by the application (accents and case,
 *   domain/catalog/search-fold.ts), joined by U+001F. The name sort keeps name_lower.
 * - SQLite: the six sort indexes carry search_text instead of name_lower and sku_normalized, so a
 *   search scans the index alone and tests one column with instr().
 * - PostgreSQL: one trigram index on search_text replaces the two on name_lower and sku_normalized.
 */
export const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  await db.schema.alterTable('products').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  await backfill(db, dialect);
  if (dialect === 'sqlite') {
    for (const [name, key] of [['created', 'created_at'], ['name', 'name_lower'], ['price', 'price_minor']] as const) {
      for (const [suffix, direction] of [['idx', sql``], ['desc_idx', sql` desc`]] as const) {
        const index = sql.id(`products_${name}_${suffix}`);
        await sql`drop index ${index}`.execute(db);
        await sql`create index ${index} on products (status, ${sql.id(key)}${direction}, id, search_text)`.execute(db);
      }
    }
    return;
  }
  await sql`drop index if exists products_name_trgm_idx`.execute(db);
  await sql`drop index if exists products_sku_trgm_idx`.execute(db);
  // As in 0006: pg_trgm is a trusted extension; without it search still works, by scanning.
  const available = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (!available.rows[0]?.n) return;
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index products_search_trgm_idx on products using gin (search_text gin_trgm_ops)`.execute(db);
};

const BATCH = 500;

/**
 * Printable-ASCII names and SKUs fold to their ASCII lower case, which SQL computes for all of
 * them in one statement (lower() of the "C" collation on PostgreSQL: never locale-dependent);
 * sku_normalized already is the SKU's. The other rows are folded here, a batch per statement.
 */
const backfill = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  const postgres = dialect === 'postgres';
  const nonAscii = postgres ? sql`(name || sku) ~ '[^ -~]'` : sql`(name || sku) glob '*[^ -~]*'`;
  const lowerName = postgres ? sql`lower(name collate "C")` : sql`lower(name)`;
  const separator = postgres ? sql`chr(31)` : sql`char(31)`;
  await sql`update products set search_text = ${lowerName} || ${separator} || sku_normalized where not ${nonAscii}`.execute(db);
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; name: string; sku: string }>`select id, name, sku from products
      where id > ${after} and ${nonAscii} order by id limit ${BATCH}`.execute(db);
    if (rows.length === 0) return;
    const values = sql.join(rows.map((r) => sql`(${r.id}, ${searchTextOf(r.name, r.sku)})`));
    const id = postgres ? sql`folded.id collate "C"` : sql`folded.id`;
    await sql`with folded (id, search_text) as (values ${values})
      update products set search_text = folded.search_text from folded where products.id = ${id}`.execute(db);
    after = rows[rows.length - 1]!.id;
  }
};
