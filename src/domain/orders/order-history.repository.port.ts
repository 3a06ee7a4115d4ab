import type { OrderHistoryEvent } from './order-history.js';

/** The history store: appended to in the change's transaction, never rewritten. */
export interface OrderHistoryRepository {
  /** Fails when the version already has an event (one event per version, enforced by the store's key). */
  append(event: OrderHistoryEvent): Promise<void>;
  /** The order's events after `afterVersion` (0: from the start), oldest first, at most `limit`. */
  listFor(orderId: string, page: { afterVersion: number; limit: number }): Promise<OrderHistoryEvent[]>;
}
