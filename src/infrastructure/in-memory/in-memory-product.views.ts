import type { ProductDto } from '../../application/catalog/product.dto.js';
import type { ProductViews } from '../../application/ports/product-views.port.js';
import type { ProductListQuery } from '../../domain/catalog/product.repository.port.js';
import { Money } from '../../domain/shared/money.value-object.js';
import { type ProductRecord, productRecords } from './in-memory-product.repository.js';
import type { InMemoryStore } from './in-memory-store.js';

const toView = (r: ProductRecord): ProductDto => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  price: { amount: Money.of(r.priceMinor, r.currency).toDecimalString(), currency: r.currency },
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
    return productRecords(this.store, query).map(toView);
  }
}
