import type { ProductDto } from '../catalog/product.dto.js';

export interface ProductListQuery {
  readonly limit: number;
  /** Exclusive lower bound on id (keyset paging), or null for the first page. */
  readonly after: string | null;
}

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
   * Keyset page: `id > after ORDER BY id ASC LIMIT limit`. UUIDv7 ids are time-ordered,
   * so rows inserted while a client pages land after its cursor: no gaps, no duplicates.
   */
  list(query: ProductListQuery): Promise<ProductDto[]>;
}
