import type { Order } from '../../domain/orders/order.aggregate.js';
import type { OrderAction, OrderViewer } from '../../domain/orders/order-actions.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import type { Actor } from '../shared/actor.js';
import { type MoneyDto, toMoneyDto } from '../shared/money.dto.js';

export interface OrderItemDto {
  id: string;
  productId: string;
  quantity: number;
  unitPrice: MoneyDto;
  lineTotal: MoneyDto;
}

export interface ShipmentDto {
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string;
  deliveredAt: string | null;
}

export interface OrderDto {
  id: string;
  customerId: string;
  status: OrderStatus;
  items: OrderItemDto[];
  total: MoneyDto;
  /** What the viewer the DTO was rendered for may do now (the domain decides: Order.allowedActions). */
  allowedActions: OrderAction[];
  /** Null until the order ships. */
  shipment: ShipmentDto | null;
  /** Also the ETag source: a change sent with a stale version is refused. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The caller as the order's rules see them. */
export const viewerOf = (actor: Actor, order: Order): OrderViewer => ({ role: actor.role, isOwner: order.isOwnedBy(actor.userId) });

/**
 * The order as `viewer` sees it: only `allowedActions` depends on who looks. Webhooks and
 * other server-side consumers render it for `ADMIN_VIEWER` (domain/orders/order-actions.ts).
 */
export const toOrderDto = (order: Order, viewer: OrderViewer): OrderDto => {
  const shipment = order.shipment;
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    items: order.items.map((item) => ({
      id: item.id,
      productId: item.productId,
      quantity: item.quantity,
      unitPrice: toMoneyDto(item.unitPrice),
      lineTotal: toMoneyDto(item.lineTotal()),
    })),
    total: toMoneyDto(order.total()),
    allowedActions: order.allowedActions(viewer),
    shipment:
      shipment === null
        ? null
        : {
            carrier: shipment.carrier,
            trackingNumber: shipment.trackingNumber,
            shippedAt: shipment.shippedAt.toISOString(),
            deliveredAt: shipment.deliveredAt?.toISOString() ?? null,
          },
    version: order.version,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
};

/** The order as the asking actor sees it. */
export const toOrderDtoFor = (actor: Actor, order: Order): OrderDto => toOrderDto(order, viewerOf(actor, order));
