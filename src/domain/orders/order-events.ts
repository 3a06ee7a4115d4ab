import type { DomainEvent } from '../shared/domain-event.js';
import type { OrderStatus } from './order-status.js';

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

export type OrderConfirmed = DomainEvent<'OrderConfirmed', OrderEventPayload>;

export type OrderCancelled = DomainEvent<
  'OrderCancelled',
  OrderEventPayload & { previousStatus: Exclude<OrderStatus, 'cancelled'> }
>;

export type OrderEvent = OrderConfirmed | OrderCancelled;
