import type { ProductListQuery } from '../../domain/catalog/product.repository.port.js';
import type { ProductDto } from '../catalog/product.dto.js';

/**
 * The catalog as clients read it: stored rows straight to the DTO, the read side of CQRS.
 * A read changes nothing, so it needs no Product aggregate to guard rules; building one per
 * row (Money, two Dates, change tracking) and mapping it again was a measurable share of
 * `GET /products/{id}` (see README, Performance). Writes still load and save the aggregate.
 * Adapters must give exactly what `toProductDto` gives for the same product (contract-tested).
 */
export interface ProductViews {
  byId(productId: string): Promise<ProductDto | null>;
  /** A keyset page, as ProductRepository.list: `id > after ORDER BY id LIMIT limit`. */
  list(query: ProductListQuery): Promise<ProductDto[]>;
}
