import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { skuTaken, STOCK_MAX, type Product } from '../../../domain/catalog/product.entity.js';
import type { ProductRepository, StockLine, StockReservation } from '../../../domain/catalog/product.repository.port.js';
import { totalsByProduct } from '../../../domain/catalog/stock-line.js';
import { LEDGER_REASONS, type StockChange, type StockChangeCause } from '../../../domain/catalog/stock-movement.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { IdGenerator } from '../../../domain/shared/id-generator.port.js';
import type { DB, StockMovementsTable } from '../database.schema.js';
import { isUniqueViolation } from '../driver-errors.js';
import { releaseStockAndRecord, reserveStockAllOrNothing, type MovementCause, type StockStatementRow } from '../postgres/postgres-stock-statements.js';
import { changedColumns, mutableColumnsOf, productFromRow, productToRow, type MutableColumns } from '../mappers/product.mapper.js';
import { toIso } from '../mappers/row-values.js';

/** What a stock-changing statement returns: the new stock and what events about it name. */
type StockRow = { stock: number | string; sku: string; name: string };

/**
 * Bound to whatever executor the unit of work hands it (a transaction or the pool); never commits.
 * One instance per unit of work: `loaded` holds the values each product copy was loaded with (or
 * last written as) in this unit of work — Fowler's "original values" — and is dropped with it.
 * Every stock change writes its stock_movements rows here, in the caller's transaction.
 */
export class SqlProductRepository implements ProductRepository {
  private readonly loaded = new Map<Product, MutableColumns>();

  /** PostgreSQL takes the set-based statements of postgres/postgres-stock-statements.ts. */
  private readonly postgres: boolean;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly ids: IdGenerator,
  ) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

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

  async insert(product: Product, actorId: string | null = null): Promise<void> {
    try {
      await this.db.insertInto('products').values(productToRow(product)).execute();
    } catch (e) {
      // The unique index on the lower-cased sku is the real guard against two admins racing.
      if (isUniqueViolation(e, 'sku')) throw skuTaken();
      throw e;
    }
    await this.writeMovements(
      [{ productId: product.id, sku: product.sku, name: product.name, stockBefore: 0, stockAfter: product.stock }],
      { kind: 'initial', reason: LEDGER_REASONS.initial, orderId: null, actorId, at: product.createdAt },
    );
    this.remember(product);
  }

  /*
   * Writes only the columns that differ from what this copy was loaded with in this unit of
   * work (every column for a copy it did not load). Under READ COMMITTED a confirmation may
   * decrement stock between our load and this write; an admin who renamed the product must
   * not write the stale stock back over that decrement. (The
   * alternative, SELECT … FOR UPDATE on every load, would serialise all add-item requests on
   * the product row.) A stock the admin did change is written as given: PATCH sets stock, and
   * its ledger delta is taken from the row as it stands, locked, not from the loaded copy.
   */
  async update(product: Product, actorId: string | null = null): Promise<StockChange | null> {
    const changes = changedColumns(product, this.loaded.get(product));
    const stockBefore = changes.stock === undefined ? undefined : await this.lockedStock(product.id);
    const result = await this.db.updateTable('products').set(changes).where('id', '=', product.id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new DomainError('product.not_found', 'no such product', [], { productId: product.id });
    this.remember(product);
    if (stockBefore === undefined || stockBefore === product.stock) return null;
    const change = { productId: product.id, sku: product.sku, name: product.name, stockBefore, stockAfter: product.stock };
    await this.writeMovements([change], { kind: 'set', reason: LEDGER_REASONS.set, orderId: null, actorId, at: product.updatedAt });
    return change;
  }

  async adjustStock(productId: string, delta: number, cause: StockChangeCause): Promise<StockChange | 'insufficient' | 'too_large' | null> {
    const now = toIso(cause.at);
    const result = await sql<StockRow>`UPDATE products SET stock = stock + ${delta}, updated_at = ${now}
      WHERE id = ${productId} AND stock + ${delta} >= 0 AND stock + ${delta} <= ${STOCK_MAX} RETURNING stock, sku, name`.execute(this.db);
    const row = result.rows[0];
    if (!row) {
      // Only on the refusal path: say why. The sign of delta tells which bound refused it; the
      // stock read now may already have been moved by a concurrent change (a 422 for a 409).
      const current = await this.db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
      if (!current) return null;
      return delta < 0 ? 'insufficient' : 'too_large';
    }
    const stockAfter = Number(row.stock);
    const change = { productId, sku: row.sku, name: row.name, stockBefore: stockAfter - delta, stockAfter };
    await this.writeMovements([change], cause);
    return change;
  }

  /*
   * One conditional decrement per product, in ascending id order: the database decides each
   * race (a row lock on PostgreSQL, the single writer on SQLite), so stock never goes below
   * zero, and the shared lock order means two confirmations never deadlock. An archived product
   * is refused by the same statement (`status = 'active'`), so an archive racing a confirmation
   * is decided by the row too. The ledger rows follow in one multi-row INSERT: n + 1 statements.
   * On PostgreSQL one set-based statement does all of it, ledger included, whatever n.
   * Nothing is undone here: a refusal makes the use case throw, and the rollback restores the rest.
   */
  async reserveStock(lines: readonly StockLine[], cause: StockChangeCause): Promise<StockReservation> {
    if (this.postgres) return this.reserveInOneStatement(lines, cause);
    const now = toIso(cause.at);
    const failed: string[] = [];
    const changes: StockChange[] = [];
    for (const [productId, quantity] of totalsByProduct(lines)) {
      // Literal SQL on the order flow's hot path: no query building per call (docs/adr/0010).
      const result = await sql<StockRow>`UPDATE products SET stock = stock - ${quantity}, updated_at = ${now}
        WHERE id = ${productId} AND stock >= ${quantity} AND status = 'active' RETURNING stock, sku, name`.execute(this.db);
      const row = result.rows[0];
      if (!row) failed.push(productId);
      else changes.push({ productId, sku: row.sku, name: row.name, stockBefore: Number(row.stock) + quantity, stockAfter: Number(row.stock) });
    }
    if (failed.length > 0) {
      // Only on the refusal path: tell an archived product from a short one.
      const archived = await this.db.selectFrom('products').select('id').where('id', 'in', failed).where('status', '=', 'archived').execute();
      const archivedIds = new Set(archived.map((r) => r.id));
      return { archived: failed.filter((id) => archivedIds.has(id)), short: failed.filter((id) => !archivedIds.has(id)), changes: [] };
    }
    await this.writeMovements(changes, cause);
    return { short: [], archived: [], changes };
  }

  async releaseStock(lines: readonly StockLine[], cause: StockChangeCause): Promise<StockChange[]> {
    if (this.postgres) {
      // PostgreSQL: every increment and its ledger row in one statement, rows locked in id order.
      const totals = totalsByProduct(lines);
      if (totals.size === 0) return [];
      const { rows } = await releaseStockAndRecord(this.db, totals, this.movementIds(totals), movementCause(cause));
      return rows.map(stockChangeOf);
    }
    const now = toIso(cause.at);
    const changes: StockChange[] = [];
    for (const [productId, quantity] of totalsByProduct(lines)) {
      const result = await sql<StockRow>`UPDATE products SET stock = stock + ${quantity}, updated_at = ${now}
        WHERE id = ${productId} RETURNING stock, sku, name`.execute(this.db);
      const row = result.rows[0];
      if (row) changes.push({ productId, sku: row.sku, name: row.name, stockBefore: Number(row.stock) - quantity, stockAfter: Number(row.stock) });
    }
    await this.writeMovements(changes, cause);
    return changes;
  }

  /** PostgreSQL: the decrements and their ledger rows in one statement, all or nothing (postgres/postgres-stock-statements.ts). */
  private async reserveInOneStatement(lines: readonly StockLine[], cause: StockChangeCause): Promise<StockReservation> {
    const totals = totalsByProduct(lines);
    if (totals.size === 0) return { short: [], archived: [], changes: [] };
    const { rows } = await reserveStockAllOrNothing(this.db, totals, this.movementIds(totals), movementCause(cause));
    const archived = rows.filter((r) => r.outcome === 'archived').map((r) => r.id);
    const short = rows.filter((r) => r.outcome === 'short' || r.outcome === 'missing').map((r) => r.id);
    if (archived.length > 0 || short.length > 0) return { short, archived, changes: [] };
    // A product the UPDATE's own re-check refused (changed under the statement): decided as on
    // SQLite, by the row as it is now; the use case throws and the rollback undoes the rest.
    const reserved = new Set(rows.map((r) => r.id));
    const failed = [...totals.keys()].filter((id) => !reserved.has(id));
    if (failed.length > 0) {
      const archivedNow = new Set((await this.db.selectFrom('products').select('id').where('id', 'in', failed).where('status', '=', 'archived').execute()).map((r) => r.id));
      return { archived: failed.filter((id) => archivedNow.has(id)), short: failed.filter((id) => !archivedNow.has(id)), changes: [] };
    }
    return { short, archived, changes: rows.map(stockChangeOf) };
  }

  /** One movement id per product, generated in the products' ascending order (UUIDv7: the ledger pages in that order). */
  private movementIds(totals: ReadonlyMap<string, number>): string[] {
    return [...totals.keys()].map(() => this.ids.next());
  }

  private remember(product: Product): Product {
    this.loaded.set(product, mutableColumnsOf(product));
    return product;
  }

  /**
   * The stock as stored now, with the row locked until commit, so the ledger delta is exact: an
   * UPDATE that changes nothing takes the row lock on PostgreSQL (and, under READ COMMITTED,
   * returns the latest committed stock) like SELECT … FOR UPDATE, and is valid SQLite too, where
   * the single writer already excludes every other change.
   */
  private async lockedStock(productId: string): Promise<number | undefined> {
    const result = await sql<{ stock: number | string }>`UPDATE products SET stock = stock WHERE id = ${productId} RETURNING stock`.execute(this.db);
    const row = result.rows[0];
    return row ? Number(row.stock) : undefined;
  }

  /** One multi-row INSERT for all the products of one change. */
  private async writeMovements(changes: readonly StockChange[], cause: StockChangeCause): Promise<void> {
    if (changes.length === 0) return;
    const createdAt = toIso(cause.at);
    const rows: StockMovementsTable[] = changes.map((change) => ({
      id: this.ids.next(),
      product_id: change.productId,
      delta: change.stockAfter - change.stockBefore,
      stock_after: change.stockAfter,
      reason: cause.reason,
      kind: cause.kind,
      order_id: cause.orderId,
      actor_id: cause.actorId,
      created_at: createdAt,
    }));
    await this.db.insertInto('stock_movements').values(rows).execute();
  }
}

const movementCause = (cause: StockChangeCause): MovementCause => ({
  kind: cause.kind,
  reason: cause.reason,
  orderId: cause.orderId,
  actorId: cause.actorId,
  at: toIso(cause.at),
});

/** A changed product as a set-based statement returns it (quantity taken or given back, stock after). */
const stockChangeOf = (row: StockStatementRow): StockChange => {
  const stockAfter = Number(row.stock);
  const delta = row.outcome === 'released' ? row.qty : -row.qty;
  return { productId: row.id, sku: row.sku ?? '', name: row.name ?? '', stockBefore: stockAfter - delta, stockAfter };
};
