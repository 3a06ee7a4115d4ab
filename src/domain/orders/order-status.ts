/**
 * pending → confirmed → shipped → delivered; cancelled from pending or confirmed only.
 * Cancelled and delivered are final.
 */
export const ORDER_STATUSES = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const isOrderStatus = (value: string): value is OrderStatus =>
  (ORDER_STATUSES as readonly string[]).includes(value);

/** The statuses a cancellation may start from: once the parcel left, the order can no longer be cancelled. */
export const CANCELLABLE_STATUSES = ['pending', 'confirmed'] as const satisfies readonly OrderStatus[];
export type CancellableStatus = (typeof CANCELLABLE_STATUSES)[number];
