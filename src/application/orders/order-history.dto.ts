import type { OrderHistoryEvent, OrderHistoryType } from '../../domain/orders/order-history.js';
import type { Role } from '../../domain/users/role.js';

export interface OrderHistoryLineDto {
  itemId: string;
  productId: string;
  quantity: number;
}

/** One history event; the members after `version` appear only on the types that carry them. */
export interface OrderHistoryEventDto {
  at: string;
  type: OrderHistoryType;
  actor: { id: string; role: Role };
  version: number;
  itemId?: string;
  productId?: string;
  quantity?: number;
  carrier?: string | null;
  trackingNumber?: string | null;
  /** `created` only: the lines the order was opened with. */
  items?: OrderHistoryLineDto[];
}

export interface OrderHistoryDto {
  items: OrderHistoryEventDto[];
  /** Null unless the history holds more than one response's worth of events (see GetOrderHistory). */
  nextCursor: string | null;
}

export const toOrderHistoryEventDto = (event: OrderHistoryEvent): OrderHistoryEventDto => {
  const { change } = event;
  const head = { at: event.at.toISOString(), type: change.type, actor: { id: event.actor.id, role: event.actor.role }, version: event.version };
  switch (change.type) {
    case 'created':
      return change.items === null ? head : { ...head, items: change.items.map((l) => ({ itemId: l.itemId, productId: l.productId, quantity: l.quantity })) };
    case 'item_added':
    case 'item_changed':
    case 'item_removed':
      return { ...head, itemId: change.itemId, productId: change.productId, quantity: change.quantity };
    case 'shipped':
      return { ...head, carrier: change.carrier, trackingNumber: change.trackingNumber };
    default:
      return head;
  }
};
