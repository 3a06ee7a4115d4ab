import { DomainError } from '../../domain/shared/domain-error.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import { Money } from '../../domain/shared/money.value-object.js';
import { Product, type ProductStatus, skuTaken, STOCK_MAX } from '../../domain/catalog/product.entity.js';
import type { ProductRepository, StockLine, StockReservation } from '../../domain/catalog/product.repository.port.js';
import { totalsByProduct } from '../../domain/catalog/stock-line.js';
import { LEDGER_REASONS, type StockChange, type StockChangeCause, type StockMovementKind } from '../../domain/catalog/stock-movement.js';
import { UuidV7IdGenerator } from '../system/uuid-v7-id-generator.js';
import type { InMemoryStore } from './in-memory-store.js';

/** A product as a table row would hold it. */
export type ProductRecord = {
  id: string;
  sku: string;
  name: string;
  description: string;
  status: ProductStatus;
  priceMinor: number;
  currency: string;
  stock: number;
  createdAt: string;
  updatedAt: string;
};

/** A stock movement as a table row would hold it. */
export type StockMovementRecord = {
  id: string;
  productId: string;
  delta: number;
  stockAfter: number;
  reason: string;
  kind: StockMovementKind;
  orderId: string | null;
  actorId: string | null;
  createdAt: string;
};

const toRecord = (p: Product): ProductRecord => ({
  id: p.id,
  sku: p.sku,
  name: p.name,
  description: p.description,
  status: p.status,
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
    description: r.description,
    status: r.status,
    price: Money.of(r.priceMinor, r.currency),
    stock: r.stock,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  });

/** One generator for every in-memory repository of the process, so ledger ids stay in creation order (UUIDv7 is monotonic per generator). */
const processIds = new UuidV7IdGenerator();

/** Keeps plain records in `store.products` and the ledger in `store.stockMovements`; a product is rebuilt on every load. */
export class InMemoryProductRepository implements ProductRepository {
  constructor(
    private readonly store: InMemoryStore,
    private readonly ids: IdGenerator = processIds,
  ) {}

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

  async insert(product: Product, actorId: string | null = null): Promise<void> {
    if (this.store.products.has(product.id)) throw new Error(`duplicate product id ${product.id}`);
    const sku = product.sku.toLowerCase();
    if (this.records().some((r) => r.sku.toLowerCase() === sku)) throw skuTaken();
    this.store.products.set(product.id, toRecord(product));
    this.writeMovements(
      [{ productId: product.id, sku: product.sku, name: product.name, stockBefore: 0, stockAfter: product.stock }],
      { kind: 'initial', reason: LEDGER_REASONS.initial, orderId: null, actorId, at: product.createdAt },
    );
  }

  async update(product: Product, actorId: string | null = null): Promise<StockChange | null> {
    const before = this.record(product.id);
    if (!before) throw new DomainError('product.not_found', 'no such product');
    this.store.products.set(product.id, toRecord(product));
    if (before.stock === product.stock) return null;
    const change = { productId: product.id, sku: product.sku, name: product.name, stockBefore: before.stock, stockAfter: product.stock };
    this.writeMovements([change], { kind: 'set', reason: LEDGER_REASONS.set, orderId: null, actorId, at: product.updatedAt });
    return change;
  }

  async adjustStock(productId: string, delta: number, cause: StockChangeCause): Promise<StockChange | 'insufficient' | 'too_large' | null> {
    const record = this.record(productId);
    if (!record) return null;
    if (record.stock + delta < 0) return 'insufficient';
    if (record.stock + delta > STOCK_MAX) return 'too_large';
    const change = this.changeStock(record, delta, cause.at);
    this.writeMovements([change], cause);
    return change;
  }

  async reserveStock(lines: readonly StockLine[], cause: StockChangeCause): Promise<StockReservation> {
    const wanted = totalsByProduct(lines);
    // Check every line before touching any, so a refusal leaves all stock as it was.
    const archived = [...wanted.keys()].filter((id) => this.record(id)?.status === 'archived');
    const short = [...wanted]
      .filter(([id, quantity]) => !archived.includes(id) && (this.record(id)?.stock ?? 0) < quantity)
      .map(([id]) => id);
    if (short.length > 0 || archived.length > 0) return { short, archived, changes: [] };
    const changes = [...wanted].map(([id, quantity]) => this.changeStock(this.record(id)!, -quantity, cause.at));
    this.writeMovements(changes, cause);
    return { short: [], archived: [], changes };
  }

  async releaseStock(lines: readonly StockLine[], cause: StockChangeCause): Promise<StockChange[]> {
    const changes: StockChange[] = [];
    for (const [id, quantity] of totalsByProduct(lines)) {
      const record = this.record(id);
      if (record) changes.push(this.changeStock(record, quantity, cause.at));
    }
    this.writeMovements(changes, cause);
    return changes;
  }

  private changeStock(record: ProductRecord, delta: number, at: Date): StockChange {
    const stockAfter = record.stock + delta;
    this.store.products.set(record.id, { ...record, stock: stockAfter, updatedAt: at.toISOString() });
    return { productId: record.id, sku: record.sku, name: record.name, stockBefore: record.stock, stockAfter };
  }

  private writeMovements(changes: readonly StockChange[], cause: StockChangeCause): void {
    for (const change of changes) {
      const movement: StockMovementRecord = {
        id: this.ids.next(),
        productId: change.productId,
        delta: change.stockAfter - change.stockBefore,
        stockAfter: change.stockAfter,
        reason: cause.reason,
        kind: cause.kind,
        orderId: cause.orderId,
        actorId: cause.actorId,
        createdAt: cause.at.toISOString(),
      };
      this.store.stockMovements.push(movement);
    }
  }

  private record(id: string): ProductRecord | undefined {
    return this.store.products.get(id) as ProductRecord | undefined;
  }

  private records(): ProductRecord[] {
    return [...this.store.products.values()] as ProductRecord[];
  }
}

/** Ascending id: ties in every catalog sort. */
export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
