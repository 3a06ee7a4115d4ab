import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
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

type ProductSelect = SelectQueryBuilder<DB, 'products', Pick<ViewRow, (typeof COLUMNS)[number]>>;

/** Bound to whatever executor the unit of work hands it (the read connection, or a transaction). */
export class SqlProductViews implements ProductViews {
  constructor(private readonly db: Kysely<DB>) {}

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
    const { column, descending } = SORT_COLUMNS[query.sort];
    const ordered = (q: ProductSelect, limit: number) => q.orderBy(column, descending ? 'desc' : 'asc').orderBy('id').limit(limit);
    if (query.after === null) return { rows: (await ordered(this.filtered(query), query.limit).execute()).map(toProductView), resumeAfter: null };
    const { key, id } = query.after;
    const sameKey = await this.filtered(query).where(column, '=', key as never).where('id', '>', id).orderBy('id').limit(query.limit).execute();
    if (sameKey.length >= query.limit) return { rows: sameKey.map(toProductView), resumeAfter: null };
    const beyond = await ordered(this.filtered(query).where(column, descending ? '<' : '>', key as never), query.limit - sameKey.length).execute();
    return { rows: [...sameKey, ...beyond].map(toProductView), resumeAfter: null };
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
      // SQLite has no default LIKE escape character: name it for both dialects. The trigram index on
      // search_text answers it on PostgreSQL (migration 0011).
      q = q.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
    }
    if (query.currency !== null) q = q.where('currency', '=', query.currency);
    if (query.minPriceMinor !== null) q = q.where('price_minor', '>=', query.minPriceMinor);
    if (query.maxPriceMinor !== null) q = q.where('price_minor', '<=', query.maxPriceMinor);
    if (query.inStock) q = q.where('stock', '>', 0);
    return q;
  }
}
