import type { DomainEvent } from '../shared/domain-event.js';
import type { CancellableStatus } from './order-status.js';

/** Amounts are decimal strings in the order's currency, as on the wire, so consumers never do money maths. */
export type OrderEventItem = {
  productId: string;
  productName: string;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
};

export type OrderEventPayload = {
  orderId: string;
  customerId: string;
  items: OrderEventItem[];
  total: { amount: string; currency: string };
};

/** Raised once, when the order is opened (with the lines it was opened with). */
export type OrderCreated = DomainEvent<'OrderCreated', OrderEventPayload>;

export type OrderConfirmed = DomainEvent<'OrderConfirmed', OrderEventPayload>;

export type OrderCancelled = DomainEvent<'OrderCancelled', OrderEventPayload & { previousStatus: CancellableStatus }>;

export type OrderShipped = DomainEvent<
  'OrderShipped',
  OrderEventPayload & { carrier: string | null; trackingNumber: string | null; shippedAt: string }
>;

export type OrderDelivered = DomainEvent<'OrderDelivered', OrderEventPayload & { deliveredAt: string }>;

export type OrderEvent = OrderCreated | OrderConfirmed | OrderCancelled | OrderShipped | OrderDelivered;
