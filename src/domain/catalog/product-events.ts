import type { DomainEvent } from '../shared/domain-event.js';
import type { Product } from './product.entity.js';
import { fellToLowStock, type StockChange } from './stock-movement.js';

export type ProductArchived = DomainEvent<'ProductArchived', { productId: string; sku: string; name: string; stock: number }>;

export type StockLow = DomainEvent<'StockLow', { productId: string; sku: string; name: string; stock: number; threshold: number }>;

export type ProductEvent = ProductArchived | StockLow;

export const productArchivedEvent = (product: Product, now: Date): ProductArchived => ({
  type: 'ProductArchived',
  occurredAt: now,
  aggregateId: product.id,
  payload: { productId: product.id, sku: product.sku, name: product.name, stock: product.stock },
});

/** One StockLow per product whose stock fell from above `threshold` to at or below it. */
export const stockLowEvents = (changes: readonly StockChange[], threshold: number, now: Date): StockLow[] =>
  changes
    .filter((change) => fellToLowStock(change, threshold))
    .map((change) => ({
      type: 'StockLow',
      occurredAt: now,
      aggregateId: change.productId,
      payload: { productId: change.productId, sku: change.sku, name: change.name, stock: change.stockAfter, threshold },
    }));
