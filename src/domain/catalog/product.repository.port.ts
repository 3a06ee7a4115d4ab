import type { Product } from './product.entity.js';
import type { StockLine } from './stock-line.js';
import type { StockChange, StockChangeCause } from './stock-movement.js';

export type { StockLine } from './stock-line.js';

/** What a confirmation's reservation did: nothing when `short` or `archived` names a product (the caller rolls back). */
export interface StockReservation {
  /** Products with too little stock, ascending. */
  readonly short: string[];
  /** Archived products (they cannot be ordered), ascending. */
  readonly archived: string[];
  /** One change per product reserved, ascending productId. */
  readonly changes: StockChange[];
}

/**
 * Every method that changes stock also writes the stock ledger in the same transaction: one
 * movement per product per change, so a product's movements always sum to its stock.
 */
export interface ProductRepository {
  findById(id: string): Promise<Product | null>;
  /** Unknown ids are simply absent from the result; order is unspecified. */
  findByIds(ids: readonly string[]): Promise<Product[]>;
  /** A taken sku (case-insensitive) throws DomainError('product.sku_taken'). Writes the `initial` movement of its opening stock. */
  insert(product: Product, actorId?: string | null): Promise<void>;
  /**
   * Writes name, description, status, price and stock; an unknown id throws
   * DomainError('product.not_found'). A changed stock writes a `set` movement whose delta is
   * the new stock minus the stock as stored at that moment (not as loaded), and is returned.
   */
  update(product: Product, actorId?: string | null): Promise<StockChange | null>;
  /**
   * Atomic relative change (`stock + delta >= 0` decided by the store) with its `adjustment`
   * movement. null: no such product; 'insufficient': it would go below zero; 'too_large': above
   * STOCK_MAX (nothing changed in either case).
   */
  adjustStock(productId: string, delta: number, cause: StockChangeCause): Promise<StockChange | 'insufficient' | 'too_large' | null>;
  /**
   * Conditional decrement (`stock >= quantity` and active), all or nothing, taken in ascending
   * productId order so concurrent reservations never deadlock, with one `order_confirmed`
   * movement per product written in one statement. On a refusal nothing stays decremented:
   * SQL adapters rely on the caller's rollback, in-memory ones undo it themselves.
   */
  reserveStock(lines: readonly StockLine[], cause: StockChangeCause): Promise<StockReservation>;
  /** Gives reserved units back (a confirmed order was cancelled), one `order_cancelled` movement per product. */
  releaseStock(lines: readonly StockLine[], cause: StockChangeCause): Promise<StockChange[]>;
}
