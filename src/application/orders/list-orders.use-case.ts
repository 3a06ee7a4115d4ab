import { invalid } from '../../domain/shared/domain-error.js';
import { isOrderStatus, ORDER_STATUSES, type OrderStatus } from '../../domain/orders/order-status.js';
import { type Actor, isAdmin } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { keysetQuery, type Page, type PageRequest, toPage } from '../shared/pagination.js';
import { type OrderDto, toOrderDto } from './order.dto.js';

export interface ListOrdersInput extends PageRequest {
  actor: Actor;
  /** Optional filter, one of `pending`, `confirmed`, `cancelled`. */
  status?: string | null;
}

export type ListOrdersOutput = Page<OrderDto>;

/** A customer sees their own orders, an admin everyone's; full orders, oldest first. */
export class ListOrders {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: ListOrdersInput): Promise<ListOrdersOutput> {
    const { limit, fetch, after } = keysetQuery(input);
    const status = statusFilter(input.status);
    const customerId = isAdmin(input.actor) ? null : input.actor.userId;
    const rows = await this.deps.uow.read((tx) => tx.orders.list({ customerId, status, limit: fetch, after }));
    return toPage(rows, limit, toOrderDto);
  }
}

const statusFilter = (status: string | null | undefined): OrderStatus | null => {
  if (status === undefined || status === null) return null;
  if (!isOrderStatus(status)) throw invalid('/status', `must be one of ${ORDER_STATUSES.join(', ')}`);
  return status;
};
