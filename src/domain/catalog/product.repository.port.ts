import type { Product } from './product.entity.js';
import type { StockLine } from './stock-line.js';

export type { StockLine } from './stock-line.js';

export interface ProductRepository {
  findById(id: string): Promise<Product | null>;
  /** Unknown ids are simply absent from the result; order is unspecified. */
  findByIds(ids: readonly string[]): Promise<Product[]>;
  /** A taken sku (case-insensitive) throws DomainError('product.sku_taken'). */
  insert(product: Product): Promise<void>;
  /** Writes name, price and stock; an unknown id throws DomainError('product.not_found'). */
  update(product: Product): Promise<void>;
  /**
   * Conditional decrement (`stock >= quantity`), all or nothing, taken in ascending
   * productId order so concurrent reservations never deadlock. Returns the productIds
   * that were short, ascending (empty = all reserved). On shortage nothing stays
   * decremented: SQL adapters rely on the caller's rollback, in-memory ones undo it themselves.
   */
  reserveStock(lines: readonly StockLine[]): Promise<string[]>;
  /** Gives reserved units back (a confirmed order was cancelled). */
  releaseStock(lines: readonly StockLine[]): Promise<void>;
}
