import type { Clock } from '../../domain/shared/clock.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { idempotent, type IdempotencyRequest, type Seal } from '../shared/idempotency.js';
import { loadOwnedOrder } from './order-access.js';
import { type OrderChangeInput, runOrderChange } from './order-change.js';
import type { OrderDto } from './order.dto.js';

export interface ConfirmOrderInput extends OrderChangeInput {
  /** From the `Idempotency-Key` header: a retry returns the first result and reserves nothing twice. */
  idempotency?: IdempotencyRequest;
}

export type ConfirmOrderOutput = OrderDto;

/**
 * Confirms a pending order and reserves stock for every line, all or nothing: a
 * shortage throws, which rolls back the reservation, the status change and the event.
 */
export class ConfirmOrder {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: ConfirmOrderInput): Promise<ConfirmOrderOutput> {
    return idempotent(this.deps, input.idempotency, (seal) => this.confirm(input, seal));
  }

  private confirm(input: ConfirmOrderInput, seal: Seal<OrderDto>): Promise<ConfirmOrderOutput> {
    return runOrderChange(this.deps.uow, input, loadOwnedOrder, async (order, tx) => {
      order.confirm(this.deps.clock.now());
      const short = await tx.products.reserveStock(order.stockLines());
      if (short.length > 0) {
        throw new DomainError('stock.insufficient', 'not enough stock for every item in the order', [], {
          productIds: short,
        });
      }
    }, seal);
  }
}
