/** Why a product's stock changed: one ledger row per product per change. */
export const STOCK_MOVEMENT_KINDS = ['initial', 'adjustment', 'set', 'order_confirmed', 'order_cancelled'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/**
 * One entry of the stock ledger. The movements of a product always sum to its stock: every
 * adapter writes one in the same transaction as the stock change it records.
 */
export interface StockMovement {
  readonly id: string;
  readonly productId: string;
  readonly delta: number;
  readonly stockAfter: number;
  readonly reason: string;
  readonly kind: StockMovementKind;
  readonly orderId: string | null;
  readonly actorId: string | null;
  readonly createdAt: Date;
}

/** What caused a stock change, as the ledger records it (the delta and stockAfter come from the store). */
export interface StockChangeCause {
  readonly kind: StockMovementKind;
  readonly reason: string;
  readonly orderId: string | null;
  readonly actorId: string | null;
  readonly at: Date;
}

/** A stock change as it happened in the store: before and after, plus what events about it name. */
export interface StockChange {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly stockBefore: number;
  readonly stockAfter: number;
}

/** The reasons the ledger gives for the changes an admin does not describe himself. */
export const LEDGER_REASONS = {
  initial: 'opening stock',
  set: 'stock set',
  orderConfirmed: 'order confirmed',
  orderCancelled: 'order cancelled',
} as const;

/** Stock is low once it is at or below the threshold; only a fall across it is news (not every sale below it). */
export const fellToLowStock = (change: Pick<StockChange, 'stockBefore' | 'stockAfter'>, threshold: number): boolean =>
  change.stockBefore > threshold && change.stockAfter <= threshold;
