import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { skuTaken, type Product } from '../../../domain/catalog/product.entity.js';
import type { ProductRepository, StockLine } from '../../../domain/catalog/product.repository.port.js';
import { totalsByProduct } from '../../../domain/catalog/stock-line.js';
import type { Clock } from '../../../domain/shared/clock.port.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { DB } from '../database.schema.js';
import { isUniqueViolation } from '../driver-errors.js';
import { reserveStockAllOrNothing } from '../postgres/postgres-stock-statements.js';
import { changedColumns, mutableColumnsOf, productFromRow, productToRow, type MutableColumns } from '../mappers/product.mapper.js';

/**
 * Bound to whatever executor the unit of work hands it (a transaction or the pool); never commits.
 * One instance per unit of work: `loaded` holds the values each product copy was loaded with (or
 * last written as) in this unit of work — Fowler's "original values" — and is dropped with it.
 */
export class SqlProductRepository implements ProductRepository {
  private readonly loaded = new Map<Product, MutableColumns>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async findById(id: string): Promise<Product | null> {
    const row = await this.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.remember(productFromRow(row)) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Product[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.db.selectFrom('products').selectAll().where('id', 'in', unique).execute();
    return rows.map((row) => this.remember(productFromRow(row)));
  }

  async insert(product: Product): Promise<void> {
    try {
      await this.db.insertInto('products').values(productToRow(product)).execute();
    } catch (e) {
      // The unique index on the lower-cased sku is the real guard against two admins racing.
      if (isUniqueViolation(e, 'sku')) throw skuTaken();
      throw e;
    }
    this.remember(product);
  }

  /*
   * Writes only the columns that differ from what this copy was loaded with in this unit of
   * work (every column for a copy it did not load). Under READ COMMITTED a confirmation may
   * decrement stock between our load and this write; an admin who renamed the product must
   * not write the stale stock back over that decrement. (The
   * alternative, SELECT … FOR UPDATE on every load, would serialise all add-item requests on
   * the product row.) A stock the admin did change is written as given: PATCH sets stock.
   */
  async update(product: Product): Promise<void> {
    const changes = changedColumns(product, this.loaded.get(product));
    const result = await this.db.updateTable('products').set(changes).where('id', '=', product.id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new DomainError('product.not_found', 'no such product', [], { productId: product.id });
    this.remember(product);
  }

  /*
   * One conditional decrement per product, in ascending id order: the database decides each
   * race (a row lock on PostgreSQL, the single writer on SQLite), so stock never goes below
   * zero, and the shared lock order means two confirmations never deadlock. Nothing is undone
   * here: a shortage makes the use case throw, and the transaction's rollback restores the rest.
   */
  async reserveStock(lines: readonly StockLine[]): Promise<string[]> {
    const now = this.clock.now().toISOString();
    if (this.db.getExecutor().adapter instanceof PostgresAdapter) {
      // PostgreSQL: one set-based statement whatever the number of products (postgres/postgres-stock-statements.ts).
      const totals = totalsByProduct(lines);
      if (totals.size === 0) return [];
      return (await reserveStockAllOrNothing(this.db, totals, now)).rows.map((r) => r.id);
    }
    const short: string[] = [];
    for (const [productId, quantity] of totalsByProduct(lines)) {
      // Literal SQL on the order flow's hot path: no query building per call (docs/adr/0010).
      const result = await sql`UPDATE products SET stock = stock - ${quantity}, updated_at = ${now} WHERE id = ${productId} AND stock >= ${quantity}`.execute(
        this.db,
      );
      if (!result.numAffectedRows) short.push(productId);
    }
    return short;
  }

  private remember(product: Product): Product {
    this.loaded.set(product, mutableColumnsOf(product));
    return product;
  }

  async releaseStock(lines: readonly StockLine[]): Promise<void> {
    const now = this.clock.now().toISOString();
    for (const [productId, quantity] of totalsByProduct(lines)) {
      await this.db
        .updateTable('products')
        .set((eb) => ({ stock: eb('stock', '+', quantity), updated_at: now }))
        .where('id', '=', productId)
        .execute();
    }
  }
}
