import { type RawBuilder, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ProductDto, StockMovementDto } from '../../../application/catalog/product.dto.js';
import { toMoneyDto } from '../../../application/shared/money.dto.js';
import type { ProductListQuery, ProductRows, ProductSort, ProductViews, StockMovementQuery } from '../../../application/ports/product-views.port.js';
import type { ProductStatus } from '../../../domain/catalog/product.entity.js';
import type { StockMovementKind } from '../../../domain/catalog/stock-movement.js';
import { Money } from '../../../domain/shared/money.value-object.js';
import type { DB, Timestamp } from '../database.schema.js';
import { toIsoText } from '../mappers/row-values.js';

const COLUMNS = ['id', 'sku', 'name', 'description', 'status', 'price_minor', 'currency', 'stock', 'created_at', 'updated_at'] as const;

interface ViewRow {
  id: string;
  sku: string;
  name: string;
  description: string;
  status: string;
  price_minor: number | string;
  currency: string;
  stock: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The row as the API shows it: what toProductDto gives for the same product, without building one. */
export const toProductView = (row: ViewRow): ProductDto => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  description: row.description,
  status: row.status as ProductStatus,
  price: toMoneyDto(Money.of(Number(row.price_minor), row.currency)),
  stock: Number(row.stock),
  createdAt: toIsoText(row.created_at),
  updatedAt: toIsoText(row.updated_at),
});

/** The column each sort reads, and its direction; ties are always by id ascending. */
export const SORT_COLUMNS: Record<ProductSort, { column: 'created_at' | 'name_lower' | 'price_minor'; descending: boolean }> = {
  createdAt: { column: 'created_at', descending: false },
  '-createdAt': { column: 'created_at', descending: true },
  name: { column: 'name_lower', descending: false },
  '-name': { column: 'name_lower', descending: true },
  price: { column: 'price_minor', descending: false },
  '-price': { column: 'price_minor', descending: true },
};

/** LIKE's wildcards in the search text match themselves. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A filter beyond status: the rows a page needs may be sparse in the sort index. */
const hasFilter = (q: ProductListQuery): boolean =>
  q.q !== null || q.currency !== null || q.minPriceMinor !== null || q.maxPriceMinor !== null || q.inStock;

type ProductSelect = SelectQueryBuilder<DB, 'products', Pick<ViewRow, (typeof COLUMNS)[number]>>;

/** What a row's sort key looks like, for the position a bounded scan stopped at. */
const keyOf = (value: unknown): string | number => (typeof value === 'number' ? value : value instanceof Date ? value.toISOString() : String(value));

export interface SqlProductViewsOptions {
  /**
   * At most this many rows examined per part of a filtered page (SQLite): a search for a rare
   * term then answers a short page with a cursor instead of reading the whole catalog on the
   * only thread (docs/adr/0110). Unset: no bound (PostgreSQL, whose planner has trigram indexes).
   */
  readonly scanBudget?: number;
}

/** Bound to whatever executor the unit of work hands it (the read connection, or a transaction). */
export class SqlProductViews implements ProductViews {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: SqlProductViewsOptions = {},
  ) {}

  async byId(productId: string): Promise<ProductDto | null> {
    const row = await this.db.selectFrom('products').select(COLUMNS).where('id', '=', productId).executeTakeFirst();
    return row ? toProductView(row) : null;
  }

  /*
   * A page after a position (key k, id i) is "key = k and id > i" followed by "key beyond k",
   * each an index seek on (status, key, id) or (status, key DESC, id): two short statements
   * instead of one OR that no index can seek (a mixed-direction row comparison). The first part
   * is skipped when it already fills the page.
   */
  async list(query: ProductListQuery): Promise<ProductRows> {
    if (this.options.scanBudget !== undefined && hasFilter(query)) return this.boundedList(query, this.options.scanBudget);
    const { column, descending } = SORT_COLUMNS[query.sort];
    const ordered = (q: ProductSelect, limit: number) => q.orderBy(column, descending ? 'desc' : 'asc').orderBy('id').limit(limit);
    if (query.after === null) return { rows: (await ordered(this.filtered(query), query.limit).execute()).map(toProductView), resumeAfter: null };
    const { key, id } = query.after;
    const sameKey = await this.filtered(query).where(column, '=', key as never).where('id', '>', id).orderBy('id').limit(query.limit).execute();
    if (sameKey.length >= query.limit) return { rows: sameKey.map(toProductView), resumeAfter: null };
    const beyond = await ordered(this.filtered(query).where(column, descending ? '<' : '>', key as never), query.limit - sameKey.length).execute();
    return { rows: [...sameKey, ...beyond].map(toProductView), resumeAfter: null };
  }

  /*
   * SQLite only (rowid): each part of the page scans at most `budget` rows of its sort index, in
   * order, and keeps the first matches. The innermost scan reads only what the sort indexes
   * cover (key, id, name_lower, sku_normalized: migration 0006), so a search touches the table
   * for the rows it returns only. When a part ends short of the page, the row its scan stopped
   * at is where the next page resumes.
   */
  private async boundedList(query: ProductListQuery, budget: number): Promise<ProductRows> {
    const { column, descending } = SORT_COLUMNS[query.sort];
    const key = sql.ref(column);
    const direction = sql.raw(descending ? 'desc' : 'asc');
    const status = query.status === 'all' ? sql`1 = 1` : sql`status = ${query.status}`;
    const filters = [sql`1 = 1`];
    if (query.q !== null) {
      const pattern = `%${likeEscape(query.q)}%`;
      filters.push(sql`(name_lower like ${pattern} escape '\\' or sku_normalized like ${pattern} escape '\\')`);
    }
    if (query.currency !== null) filters.push(sql`currency = ${query.currency}`);
    if (query.minPriceMinor !== null) filters.push(sql`price_minor >= ${query.minPriceMinor}`);
    if (query.maxPriceMinor !== null) filters.push(sql`price_minor <= ${query.maxPriceMinor}`);
    if (query.inStock) filters.push(sql`stock > 0`);
    const where = sql.join(filters, sql` and `);
    // Only the columns the filters read: name_lower and sku_normalized are in every sort index, the others are not.
    const scanned = sql.join(
      [sql`name_lower`, sql`sku_normalized`].concat(
        query.currency !== null ? [sql`currency`] : [],
        query.minPriceMinor !== null || query.maxPriceMinor !== null ? [sql`price_minor`] : [],
        query.inStock ? [sql`stock`] : [],
      ),
    );

    const part = async (narrow: RawBuilder<unknown>, sameKey: boolean, limit: number) => {
      const order = sameKey ? sql`id asc` : sql`${key} ${direction}, id asc`;
      const found = await sql<ViewRow>`select ${sql.join(COLUMNS.map((c) => sql.ref(c)))} from products where rowid in (
          select r from (
            select rowid as r, ${scanned} from products
            where ${status} and ${narrow} order by ${order} limit ${budget}
          ) where ${where} limit ${limit}
        ) order by ${order}`.execute(this.db);
      const rows = found.rows.map(toProductView);
      if (rows.length >= limit) return { rows, stoppedAt: null };
      // Short: did the scan stop at its budget (more rows follow) or at the end of the catalog?
      const last = await sql<{ k: string | number; id: string }>`select ${key} as k, id from products
        where ${status} and ${narrow} order by ${order} limit 1 offset ${budget - 1}`.execute(this.db);
      const stop = last.rows[0];
      return { rows, stoppedAt: stop ? { key: keyOf(stop.k), id: stop.id } : null };
    };

    if (query.after === null) {
      const { rows, stoppedAt } = await part(sql`1 = 1`, false, query.limit);
      return { rows, resumeAfter: stoppedAt };
    }
    const after = query.after;
    const first = await part(sql`${key} = ${after.key} and id > ${after.id}`, true, query.limit);
    if (first.rows.length >= query.limit || first.stoppedAt) return { rows: first.rows, resumeAfter: first.stoppedAt };
    const rest = await part(sql`${key} ${sql.raw(descending ? '<' : '>')} ${after.key}`, false, query.limit - first.rows.length);
    return { rows: [...first.rows, ...rest.rows], resumeAfter: rest.stoppedAt };
  }

  async movements(query: StockMovementQuery): Promise<StockMovementDto[]> {
    let page = this.db.selectFrom('stock_movements').selectAll().where('product_id', '=', query.productId);
    if (query.after !== null) page = page.where('id', '>', query.after);
    const rows = await page.orderBy('id').limit(query.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      productId: row.product_id,
      delta: Number(row.delta),
      stockAfter: Number(row.stock_after),
      reason: row.reason,
      kind: row.kind as StockMovementKind,
      orderId: row.order_id,
      actorId: row.actor_id,
      createdAt: toIsoText(row.created_at),
    }));
  }

  private statusOnly(query: ProductListQuery): ProductSelect {
    const q: ProductSelect = this.db.selectFrom('products').select(COLUMNS);
    return query.status === 'all' ? q : q.where('status', '=', query.status);
  }

  private filtered(query: ProductListQuery): ProductSelect {
    let q = this.statusOnly(query);
    if (query.q !== null) {
      const pattern = `%${likeEscape(query.q)}%`;
      // SQLite has no default LIKE escape character: name it for both dialects.
      q = q.where(sql<boolean>`(name_lower like ${pattern} escape '\\' or sku_normalized like ${pattern} escape '\\')`);
    }
    if (query.currency !== null) q = q.where('currency', '=', query.currency);
    if (query.minPriceMinor !== null) q = q.where('price_minor', '>=', query.minPriceMinor);
    if (query.maxPriceMinor !== null) q = q.where('price_minor', '<=', query.maxPriceMinor);
    if (query.inStock) q = q.where('stock', '>', 0);
    return q;
  }
}
