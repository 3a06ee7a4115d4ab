import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadVisibleOrder } from './order-access.js';
import { type OrderHistoryDto, toOrderHistoryEventDto } from './order-history.dto.js';

export interface GetOrderHistoryInput {
  actor: Actor;
  orderId: string;
}

export type GetOrderHistoryOutput = OrderHistoryDto;

/** Every version of the order, oldest first: the owner or an admin; anyone else gets `order.not_found`. */
export class GetOrderHistory {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: GetOrderHistoryInput): Promise<GetOrderHistoryOutput> {
    // No transaction: history is only ever appended, so events read after the access check are a consistent prefix-or-more.
    return this.deps.uow.read(async (tx) => {
      await loadVisibleOrder(tx.orders, input.actor, input.orderId);
      return { items: (await tx.orderHistory.listFor(input.orderId)).map(toOrderHistoryEventDto) };
    });
  }
}
