import type { Role } from '../users/role.js';

/*
 * The audit trail of an order: one event per version, written in the transaction of the
 * change. The aggregate records WHAT changed (an `OrderChange`); the use case adds WHO
 * (the actor) and the repository writes it beside the order.
 */

export const ORDER_HISTORY_TYPES = [
  'created',
  'item_added',
  'item_changed',
  'item_removed',
  'confirmed',
  'cancelled',
  'shipped',
  'delivered',
] as const;
export type OrderHistoryType = (typeof ORDER_HISTORY_TYPES)[number];

/** A line as an item event names it: the quantity is the line's quantity after the change (for a removal, the quantity it held). */
export interface OrderHistoryLine {
  readonly itemId: string;
  readonly productId: string;
  readonly quantity: number;
}

/** What one version changed, as the aggregate records it. */
export type OrderChange =
  /** `items`: the lines it was opened with; null for an order older than the history (not known). */
  | { readonly type: 'created'; readonly items: readonly OrderHistoryLine[] | null }
  | ({ readonly type: 'item_added' | 'item_changed' | 'item_removed' } & OrderHistoryLine)
  | { readonly type: 'confirmed' }
  | { readonly type: 'cancelled' }
  | { readonly type: 'shipped'; readonly carrier: string | null; readonly trackingNumber: string | null }
  | { readonly type: 'delivered' };

export interface OrderHistoryActor {
  readonly id: string;
  readonly role: Role;
}

/** One entry of an order's history: the version it produced, when, by whom, and what changed. */
export interface OrderHistoryEvent {
  readonly orderId: string;
  readonly version: number;
  readonly at: Date;
  readonly actor: OrderHistoryActor;
  readonly change: OrderChange;
}
