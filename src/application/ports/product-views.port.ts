import type { ProductDto, StockMovementDto } from '../catalog/product.dto.js';

export const PRODUCT_SORTS = ['createdAt', '-createdAt', 'name', '-name', 'price', '-price'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const PRODUCT_STATUS_FILTERS = ['active', 'archived', 'all'] as const;
export type ProductStatusFilter = (typeof PRODUCT_STATUS_FILTERS)[number];

/**
 * Where the previous page ended: the sort key of its last row and its id. The key is the
 * ISO createdAt, the lower-cased name, or the price in minor units, by sort.
 */
export interface ProductPosition {
  readonly key: string | number;
  readonly id: string;
}

export interface ProductListQuery {
  readonly limit: number;
  /** Rows strictly after this position in the sort order, or null for the first page. */
  readonly after: ProductPosition | null;
  readonly sort: ProductSort;
  /** Folded (domain/catalog/search-fold.ts): a substring of the folded name or sku. */
  readonly q: string | null;
  readonly currency: string | null;
  /** Inclusive bounds in minor units of `currency` (set only with it). */
  readonly minPriceMinor: number | null;
  readonly maxPriceMinor: number | null;
  /** Only stock > 0. */
  readonly inStock: boolean;
  readonly status: ProductStatusFilter;
}

/**
 * A page as an adapter found it. `resumeAfter`: the adapter stopped examining rows at this
 * position before it found `limit` matches (a bound on the work one request may cost, see
 * SqlProductViews); the next page continues from there. Null when the rows are all there is up to
 * `limit`.
 */
export interface ProductRows {
  readonly rows: ProductDto[];
  readonly resumeAfter: ProductPosition | null;
}

export interface StockMovementQuery {
  readonly productId: string;
  readonly limit: number;
  /** Movements after this id (UUIDv7: oldest first), or null. */
  readonly after: string | null;
}

/** The sort key of a product row as positions hold it (see ProductPosition). */
export const sortKeyOf = (sort: ProductSort, product: ProductDto): string | number => {
  switch (sort) {
    case 'name':
    case '-name':
      return product.name.toLowerCase();
    case 'price':
    case '-price':
      return Number(product.price.amount.replace('.', ''));
    default:
      return product.createdAt;
  }
};

/**
 * The catalog as clients read it: stored rows straight to the DTO, the read side of CQRS.
 * A read changes nothing, so it needs no Product aggregate to guard rules; building one per
 * row (Money, two Dates, change tracking) and mapping it again was a measurable share of
 * `GET /products/{id}` (see README, Performance). Writes still load and save the aggregate.
 * Adapters must give exactly what `toProductDto` gives for the same product (contract-tested).
 */
export interface ProductViews {
  byId(productId: string): Promise<ProductDto | null>;
  /**
   * Keyset page in `sort` order, ties by id ascending: rows strictly after `after`. The
   * position is a value, not a row, so rows inserted meanwhile never shift a page (no gaps,
   * no duplicates). An adapter may stop early (fewer rows, `resumeAfter` set) to bound its work.
   */
  list(query: ProductListQuery): Promise<ProductRows>;
  /** A product's stock ledger, oldest first. */
  movements(query: StockMovementQuery): Promise<StockMovementDto[]>;
}
