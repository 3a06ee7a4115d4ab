import type { Order } from './order.aggregate.js';
import type { OrderStatus } from './order-status.js';

export interface OrderListQuery {
  /** Only this customer's orders, or null for everyone's (admin). */
  readonly customerId: string | null;
  readonly status: OrderStatus | null;
  /** Orders created at or after this instant (inclusive); absent or null: no lower bound. */
  readonly createdFrom?: Date | null;
  /** Orders created before this instant (exclusive); absent or null: no upper bound. */
  readonly createdTo?: Date | null;
  readonly limit: number;
  /** Exclusive lower bound on id (keyset paging, id ASC), or null for the first page. */
  readonly after: string | null;
  /**
   * Bounds the lines loaded: the list ends with the first order that follows the one whose
   * lines bring the listed total to this (so a caller cutting a page there still learns
   * whether more orders follow). Absent: `limit` alone bounds the list.
   */
  readonly lineBudget?: number;
}

export interface OrderRepository {
  /** The order with all its items, or null. */
  findById(id: string): Promise<Order | null>;
  /**
   * The order, loaded to be changed in the current transaction. Where the database can,
   * the row stays locked until the transaction ends, so concurrent changes to one order
   * queue instead of failing their version check (PostgreSQL: SELECT … FOR UPDATE;
   * SQLite has one writer, the in-memory store one transaction at a time).
   */
  findForUpdate(id: string): Promise<Order | null>;
  insert(order: Order): Promise<void>;
  /**
   * Optimistic: writes the order and its items with version + 1 only if the stored
   * version still equals `order.version` (`UPDATE … WHERE id = ? AND version = ?`);
   * otherwise throws DomainError('order.concurrent_update'). Then calls `order.markSaved()`,
   * so the caller holds the order at its new version.
   */
  save(order: Order): Promise<void>;
  /** Full orders (items included), keyset on id ASC. */
  list(query: OrderListQuery): Promise<Order[]>;
}
