import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadOwnedOrder } from './order-access.js';
import { type OrderChangeInput, runOrderChange } from './order-change.js';
import type { OrderDto } from './order.dto.js';

export interface RemoveOrderItemInput extends OrderChangeInput {
  itemId: string;
}

export type RemoveOrderItemOutput = OrderDto;

export class RemoveOrderItem {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: RemoveOrderItemInput): Promise<RemoveOrderItemOutput> {
    return runOrderChange(this.deps.uow, input, loadOwnedOrder, (order) => {
      order.removeItem(input.itemId, this.deps.clock.now());
    });
  }
}
