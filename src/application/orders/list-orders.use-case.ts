import { DomainError, invalid } from '../../domain/shared/domain-error.js';
import { isOrderStatus, ORDER_STATUSES, type OrderStatus } from '../../domain/orders/order-status.js';
import { type Actor, isAdmin } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { keysetQuery, type Page, type PageRequest, toBoundedPage } from '../shared/pagination.js';
import { parseRfc3339 } from '../shared/rfc3339.js';
import { type OrderDto, toOrderDtoFor } from './order.dto.js';

export interface ListOrdersInput extends PageRequest {
  actor: Actor;
  /** Optional filter, one of ORDER_STATUSES. */
  status?: string | null;
  /** Admins only (a customer → `auth.forbidden`): one customer's orders. */
  customerId?: string | null;
  /** RFC 3339, any offset: orders created at or after it. */
  createdFrom?: string | null;
  /** RFC 3339, any offset: orders created strictly before it. */
  createdTo?: string | null;
}

export type ListOrdersOutput = Page<OrderDto>;

/**
 * The page-size policy of order lists: a page stops taking orders once it holds this many
 * lines (the order that reaches it is the last), however large `limit` is, so a page of big
 * orders stays a bounded response. Documented in the OpenAPI description of GET /orders.
 */
export const MAX_LINES_PER_ORDER_PAGE = 1000;

/**
 * A customer sees their own orders, an admin everyone's (or one customer's); full orders,
 * oldest first. Filters combine; a customer's status and date filters apply to their own orders.
 */
export class ListOrders {
  private readonly maxLinesPerPage: number;

  constructor(private readonly deps: { uow: UnitOfWork; maxLinesPerPage?: number }) {
    this.maxLinesPerPage = deps.maxLinesPerPage ?? MAX_LINES_PER_ORDER_PAGE;
  }

  async execute(input: ListOrdersInput): Promise<ListOrdersOutput> {
    const { limit, fetch, after } = keysetQuery(input);
    const status = statusFilter(input.status);
    const customerId = customerFilter(input.actor, input.customerId);
    const createdFrom = dateFilter(input.createdFrom, 'createdFrom');
    const createdTo = dateFilter(input.createdTo, 'createdTo');
    const rows = await this.deps.uow.read((tx) =>
      tx.orders.list({ customerId, status, createdFrom, createdTo, limit: fetch, after, lineBudget: this.maxLinesPerPage }),
    );
    return toBoundedPage(rows, limit, { maxWeight: this.maxLinesPerPage, weightOf: (order) => order.items.length }, (order) =>
      toOrderDtoFor(input.actor, order),
    );
  }
}

const statusFilter = (status: string | null | undefined): OrderStatus | null => {
  if (status === undefined || status === null) return null;
  if (!isOrderStatus(status)) throw invalid('status', `must be one of ${ORDER_STATUSES.join(', ')}`);
  return status;
};

/** A customer is always limited to their own orders and may not name a customer at all (not even themselves). */
const customerFilter = (actor: Actor, customerId: string | null | undefined): string | null => {
  if (!isAdmin(actor)) {
    if (customerId !== undefined && customerId !== null) {
      throw new DomainError('auth.forbidden', 'only an admin may filter orders by customer');
    }
    return actor.userId;
  }
  return customerId ?? null;
};

const dateFilter = (value: string | null | undefined, path: string): Date | null =>
  value === undefined || value === null ? null : parseRfc3339(value, path);
