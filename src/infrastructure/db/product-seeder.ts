import { sql } from 'kysely';
import { LEDGER_REASONS } from '../../domain/catalog/stock-movement.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import { Product, STOCK_MAX } from '../../domain/catalog/product.entity.js';
import { Money } from '../../domain/shared/money.value-object.js';
import type { Database } from './database.js';
import { productToRow } from './mappers/product.mapper.js';

export interface SeedProductsOptions {
  /** How many seed products the catalog should hold afterwards (`SEED-000001` … `SEED-<count>`). */
  readonly count: number;
  /** Stock each new product starts with; ample by default, so benchmarks never run short. */
  readonly stock?: number;
  /** Rows per multi-row INSERT (12 columns each; SQLite allows 32,766 parameters per statement). */
  readonly batchSize?: number;
  /** Batches per transaction. */
  readonly batchesPerTransaction?: number;
  /** Called after each committed transaction with the number of rows written so far. */
  readonly onProgress?: (written: number) => void;
}

export const seedSku = (n: number): string => `SEED-${String(n).padStart(6, '0')}`;

/**
 * Fills the catalog with demo/benchmark products, fast: each product is built by the
 * domain (so it is a valid Product) and written with multi-row INSERTs, many per
 * transaction. SKUs that already exist are skipped (`ON CONFLICT DO NOTHING` on the
 * unique lower-cased sku), so running it again tops the catalog up to `count`.
 * Returns how many rows were inserted. Ids are UUIDv7, so seeded rows page in sku order.
 */
export const seedProducts = async (
  database: Database,
  deps: { ids: IdGenerator; clock: Clock },
  options: SeedProductsOptions,
): Promise<number> => {
  const { count, stock = STOCK_MAX, batchSize = 1_000, batchesPerTransaction = 20 } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > 2_500) throw new RangeError('batchSize must be 1–2500');
  const now = deps.clock.now();
  const prices = ['4.99', '9.99', '19.90', '49.00', '120.00'].map((p) => Money.parse(p, 'USD'));

  const batch = (from: number, to: number) => {
    const rows = [];
    for (let n = from; n <= to; n++) {
      const product = Product.create({
        id: deps.ids.next(),
        sku: seedSku(n),
        // "lot NN" (n mod 100) gives searches a term matching 1 % of any catalog (the search-products bench).
        name: `Seed product ${n} lot ${String(n % 100).padStart(2, '0')}`,
        // The lot (n mod 100) shifts the price cycle, so a lot's products spread over every price like a real catalog's would.
        price: prices[(n + Math.floor(n / 100)) % prices.length] ?? Money.zero('USD'),
        stock,
        now,
      });
      rows.push(productToRow(product));
    }
    return rows;
  };

  let inserted = 0;
  const perTransaction = batchSize * batchesPerTransaction;
  for (let start = 1; start <= count; start += perTransaction) {
    const end = Math.min(count, start + perTransaction - 1);
    inserted += await database.db.transaction().execute(async (trx) => {
      let written = 0;
      for (let from = start; from <= end; from += batchSize) {
        const rows = batch(from, Math.min(end, from + batchSize - 1));
        const result = await trx
          .insertInto('products')
          .values(rows)
          .onConflict((oc) => oc.column('sku_normalized').doNothing())
          .executeTakeFirst();
        written += Number(result.numInsertedOrUpdatedRows ?? 0n);
        // Each new product's opening stock in the ledger, so its movements sum to its stock. The
        // movement's id is the product's (as migration 0006 does): a rerun finds it and skips it.
        await sql`INSERT INTO stock_movements (id, product_id, delta, stock_after, reason, kind, order_id, actor_id, created_at)
          SELECT id, id, stock, stock, ${LEDGER_REASONS.initial}, 'initial', NULL, NULL, created_at FROM products
          WHERE id IN (${sql.join(rows.map((r) => r.id))}) ON CONFLICT (id) DO NOTHING`.execute(trx);
      }
      return written;
    });
    options.onProgress?.(end);
  }
  // A bulk load leaves PostgreSQL's planner without statistics until autovacuum comes by (up to
  // a minute or more): until then it plans for a near-empty catalog, seq scans included.
  if (database.dialect === 'postgres' && inserted > 0) await sql`ANALYZE products, stock_movements`.execute(database.db);
  return inserted;
};
