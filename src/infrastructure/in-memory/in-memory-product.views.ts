import type { ProductDto } from '../../application/catalog/product.dto.js';
import { toMoneyDto } from '../../application/shared/money.dto.js';
import type { ProductListQuery, ProductViews } from '../../application/ports/product-views.port.js';
import { Money } from '../../domain/shared/money.value-object.js';
import { byId, type ProductRecord } from './in-memory-product.repository.js';
import type { InMemoryStore } from './in-memory-store.js';

const toView = (r: ProductRecord): ProductDto => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  price: toMoneyDto(Money.of(r.priceMinor, r.currency)),
  stock: r.stock,
  createdAt: r.createdAt,
});

/** The catalog's read side over the same records InMemoryProductRepository keeps. */
export class InMemoryProductViews implements ProductViews {
  constructor(private readonly store: InMemoryStore) {}

  async byId(productId: string): Promise<ProductDto | null> {
    const record = this.store.products.get(productId) as ProductRecord | undefined;
    return record ? toView(record) : null;
  }

  async list(query: ProductListQuery): Promise<ProductDto[]> {
    return ([...this.store.products.values()] as ProductRecord[])
      .filter((r) => query.after === null || r.id > query.after)
      .sort(byId)
      .slice(0, query.limit)
      .map(toView);
  }
}
