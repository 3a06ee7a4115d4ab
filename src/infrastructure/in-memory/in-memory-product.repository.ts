import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.value-object.js';
import { Product, skuTaken } from '../../domain/catalog/product.entity.js';
import type { ProductRepository, StockLine } from '../../domain/catalog/product.repository.port.js';
import { totalsByProduct } from '../../domain/catalog/stock-line.js';
import type { InMemoryStore } from './in-memory-store.js';

/** A product as a table row would hold it. */
export type ProductRecord = {
  id: string;
  sku: string;
  name: string;
  priceMinor: number;
  currency: string;
  stock: number;
  createdAt: string;
  updatedAt: string;
};

const toRecord = (p: Product): ProductRecord => ({
  id: p.id,
  sku: p.sku,
  name: p.name,
  priceMinor: p.price.minor,
  currency: p.price.currency,
  stock: p.stock,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

const toProduct = (r: ProductRecord): Product =>
  Product.restore({
    id: r.id,
    sku: r.sku,
    name: r.name,
    price: Money.of(r.priceMinor, r.currency),
    stock: r.stock,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  });

/** Keeps plain records in `store.products`; a product is rebuilt on every load. */
export class InMemoryProductRepository implements ProductRepository {
  constructor(private readonly store: InMemoryStore) {}

  async findById(id: string): Promise<Product | null> {
    const record = this.record(id);
    return record ? toProduct(record) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Product[]> {
    return [...new Set(ids)].flatMap((id) => {
      const record = this.record(id);
      return record ? [toProduct(record)] : [];
    });
  }

  async insert(product: Product): Promise<void> {
    if (this.store.products.has(product.id)) throw new Error(`duplicate product id ${product.id}`);
    const sku = product.sku.toLowerCase();
    if (this.records().some((r) => r.sku.toLowerCase() === sku)) throw skuTaken();
    this.store.products.set(product.id, toRecord(product));
  }

  async update(product: Product): Promise<void> {
    if (!this.store.products.has(product.id)) throw new DomainError('product.not_found', 'no such product');
    this.store.products.set(product.id, toRecord(product));
  }

  async reserveStock(lines: readonly StockLine[]): Promise<string[]> {
    const wanted = totalsByProduct(lines);
    // Check every line before touching any, so a shortage leaves all stock as it was.
    const short = [...wanted]
      .filter(([id, quantity]) => (this.record(id)?.stock ?? 0) < quantity)
      .map(([id]) => id);
    if (short.length > 0) return short;
    for (const [id, quantity] of wanted) this.adjustStock(id, -quantity);
    return [];
  }

  async releaseStock(lines: readonly StockLine[]): Promise<void> {
    for (const [id, quantity] of totalsByProduct(lines)) this.adjustStock(id, quantity);
  }

  private adjustStock(id: string, delta: number): void {
    const record = this.record(id);
    if (record) this.store.products.set(id, { ...record, stock: record.stock + delta });
  }

  private record(id: string): ProductRecord | undefined {
    return this.store.products.get(id) as ProductRecord | undefined;
  }

  private records(): ProductRecord[] {
    return [...this.store.products.values()] as ProductRecord[];
  }
}

/** Ascending id: the catalog's page order. */
export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
