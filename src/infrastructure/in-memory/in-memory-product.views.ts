import type { ProductDto, StockMovementDto } from '../../application/catalog/product.dto.js';
import { toMoneyDto } from '../../application/shared/money.dto.js';
import { type ProductListQuery, type ProductRows, type ProductViews, sortKeyOf, type StockMovementQuery } from '../../application/ports/product-views.port.js';
import { foldForSearch } from '../../domain/catalog/search-fold.js';
import { Money } from '../../domain/shared/money.value-object.js';
import type { ProductRecord, StockMovementRecord } from './in-memory-product.repository.js';
import type { InMemoryStore } from './in-memory-store.js';

const toView = (r: ProductRecord): ProductDto => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  description: r.description,
  status: r.status,
  price: toMoneyDto(Money.of(r.priceMinor, r.currency)),
  stock: r.stock,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** The catalog's read side over the same records InMemoryProductRepository keeps. */
export class InMemoryProductViews implements ProductViews {
  constructor(private readonly store: InMemoryStore) {}

  async byId(productId: string): Promise<ProductDto | null> {
    const record = this.store.products.get(productId) as ProductRecord | undefined;
    return record ? toView(record) : null;
  }

  async list(query: ProductListQuery): Promise<ProductRows> {
    const direction = query.sort.startsWith('-') ? -1 : 1;
    const keyed = ([...this.store.products.values()] as ProductRecord[])
      .filter((r) => query.status === 'all' || r.status === query.status)
      .filter((r) => query.q === null || foldForSearch(r.name).includes(query.q) || foldForSearch(r.sku).includes(query.q))
      .filter((r) => query.currency === null || r.currency === query.currency)
      .filter((r) => query.minPriceMinor === null || r.priceMinor >= query.minPriceMinor)
      .filter((r) => query.maxPriceMinor === null || r.priceMinor <= query.maxPriceMinor)
      .filter((r) => !query.inStock || r.stock > 0)
      .map((r) => ({ view: toView(r), key: sortKeyOf(query.sort, toView(r)) }));
    // Sort key in the sort's direction, then id ascending: the order of every adapter.
    const order = (a: { key: string | number; id: string }, b: { key: string | number; id: string }) =>
      direction * compare(a.key, b.key) || compare(a.id, b.id);
    const after = query.after;
    const rows = keyed
      .map(({ view, key }) => ({ view, key, id: view.id }))
      .filter((row) => after === null || order(row, after) > 0)
      .sort(order)
      .slice(0, query.limit)
      .map((row) => row.view);
    return { rows, resumeAfter: null };
  }

  async movements(query: StockMovementQuery): Promise<StockMovementDto[]> {
    return (this.store.stockMovements as StockMovementRecord[])
      .filter((m) => m.productId === query.productId && (query.after === null || m.id > query.after))
      .sort((a, b) => compare(a.id, b.id))
      .slice(0, query.limit)
      .map((m) => ({ ...m }));
  }
}
