import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadOwnedOrder } from './order-access.js';
import { type OrderChangeInput, runOrderChange } from './order-change.js';
import type { OrderDto } from './order.dto.js';

export interface ChangeOrderItemInput extends OrderChangeInput {
  itemId: string;
  quantity: number;
}

export type ChangeOrderItemOutput = OrderDto;

/** Sets a line's quantity (the line keeps its price snapshot). */
export class ChangeOrderItem {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: ChangeOrderItemInput): Promise<ChangeOrderItemOutput> {
    return runOrderChange(this.deps.uow, input, loadOwnedOrder, (order) => {
      order.changeItemQuantity(input.itemId, input.quantity, this.deps.clock.now());
    });
  }
}
