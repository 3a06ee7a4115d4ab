import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadVisibleOrder } from './order-access.js';
import { type OrderDto, toOrderDtoFor } from './order.dto.js';

export interface GetOrderInput {
  actor: Actor;
  orderId: string;
}

export type GetOrderOutput = OrderDto;

/** The owner or an admin; anyone else gets `order.not_found`. */
export class GetOrder {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: GetOrderInput): Promise<GetOrderOutput> {
    return this.deps.uow.read(async (tx) =>
      toOrderDtoFor(input.actor, await loadVisibleOrder(tx.orders, input.actor, input.orderId)),
    );
  }
}
