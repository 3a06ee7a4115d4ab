import type { Order } from '../../domain/orders/order.aggregate.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import { type MoneyDto, toMoneyDto } from '../shared/money.dto.js';

export interface OrderItemDto {
  id: string;
  productId: string;
  quantity: number;
  unitPrice: MoneyDto;
  lineTotal: MoneyDto;
}

export interface OrderDto {
  id: string;
  customerId: string;
  status: OrderStatus;
  items: OrderItemDto[];
  total: MoneyDto;
  /** Also the ETag source: a change sent with a stale version is refused. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const toOrderDto = (order: Order): OrderDto => ({
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
  version: order.version,
  createdAt: order.createdAt.toISOString(),
  updatedAt: order.updatedAt.toISOString(),
});
