import { invalid } from '../../domain/shared/domain-error.js';
import { isOrderStatus, ORDER_STATUSES, type OrderStatus } from '../../domain/orders/order-status.js';
import { type Actor, isAdmin } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { keysetQuery, type Page, type PageRequest, toBoundedPage } from '../shared/pagination.js';
import { type OrderDto, toOrderDto } from './order.dto.js';

export interface ListOrdersInput extends PageRequest {
  actor: Actor;
  /** Optional filter, one of `pending`, `confirmed`, `cancelled`. */
  status?: string | null;
}

export type ListOrdersOutput = Page<OrderDto>;

/**
 * The page-size policy of order lists: a page stops taking orders once it holds this many
 * lines (the order that reaches it is the last), however large `limit` is, so a page of big
 * orders stays a bounded response. Documented in the OpenAPI description of GET /orders.
 */
export const MAX_LINES_PER_ORDER_PAGE = 1000;

/** A customer sees their own orders, an admin everyone's; full orders, oldest first. */
export class ListOrders {
  private readonly maxLinesPerPage: number;

  constructor(private readonly deps: { uow: UnitOfWork; maxLinesPerPage?: number }) {
    this.maxLinesPerPage = deps.maxLinesPerPage ?? MAX_LINES_PER_ORDER_PAGE;
  }

  async execute(input: ListOrdersInput): Promise<ListOrdersOutput> {
    const { limit, fetch, after } = keysetQuery(input);
    const status = statusFilter(input.status);
    const customerId = isAdmin(input.actor) ? null : input.actor.userId;
    const rows = await this.deps.uow.read((tx) => tx.orders.list({ customerId, status, limit: fetch, after, lineBudget: this.maxLinesPerPage }));
    return toBoundedPage(rows, limit, { maxWeight: this.maxLinesPerPage, weightOf: (order) => order.items.length }, toOrderDto);
  }
}

const statusFilter = (status: string | null | undefined): OrderStatus | null => {
  if (status === undefined || status === null) return null;
  if (!isOrderStatus(status)) throw invalid('/status', `must be one of ${ORDER_STATUSES.join(', ')}`);
  return status;
};
