import { invalid } from '../../domain/shared/domain-error.js';
import type { Actor } from '../shared/actor.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadVisibleOrder } from './order-access.js';
import { type OrderHistoryDto, toOrderHistoryEventDto } from './order-history.dto.js';

export interface GetOrderHistoryInput {
  actor: Actor;
  orderId: string;
  /** The previous response's `nextCursor`, to read on after a history longer than one response. */
  cursor?: string | null;
}

export type GetOrderHistoryOutput = OrderHistoryDto;

/**
 * Events per response: a response stays bounded however often a pending order was changed.
 * Almost every order has far fewer, so `items` is its whole history and `nextCursor` null.
 */
export const MAX_HISTORY_EVENTS_PER_PAGE = 1000;

/** Every version of the order, oldest first: the owner or an admin; anyone else gets `order.not_found`. */
export class GetOrderHistory {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: GetOrderHistoryInput): Promise<GetOrderHistoryOutput> {
    const afterVersion = versionAfter(input.cursor);
    // No transaction: history is only ever appended, so events read after the access check are all there were then, or more.
    return this.deps.uow.read(async (tx) => {
      await loadVisibleOrder(tx.orders, input.actor, input.orderId);
      const events = await tx.orderHistory.listFor(input.orderId, { afterVersion, limit: MAX_HISTORY_EVENTS_PER_PAGE + 1 });
      const page = events.slice(0, MAX_HISTORY_EVENTS_PER_PAGE);
      const last = page[page.length - 1];
      return {
        items: page.map(toOrderHistoryEventDto),
        nextCursor: events.length > page.length && last ? encodeCursor(String(last.version)) : null,
      };
    });
  }
}

const versionAfter = (cursor: string | null | undefined): number => {
  const decoded = decodeCursor(cursor);
  if (decoded === null) return 0;
  if (!/^[1-9][0-9]{0,9}$/.test(decoded)) throw invalid('cursor', 'is not a cursor this API issued');
  return Number(decoded);
};
