import type { Clock } from '../../domain/shared/clock.port.js';
import { LEDGER_REASONS } from '../../domain/catalog/stock-movement.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadVisibleOrder } from './order-access.js';
import { type OrderChangeInput, runOrderChange } from './order-change.js';
import type { OrderDto } from './order.dto.js';

export type CancelOrderInput = OrderChangeInput;

export type CancelOrderOutput = OrderDto;

/** The owner or an admin cancels; a confirmed order's reserved stock goes back in the same transaction. */
export class CancelOrder {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: CancelOrderInput): Promise<CancelOrderOutput> {
    return runOrderChange(this.deps.uow, input, loadVisibleOrder, async (order, tx) => {
      const now = this.deps.clock.now();
      const toRelease = order.cancel(now);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: releasing no lines is a no-op in every adapter.
      if (toRelease.length > 0) {
        await tx.products.releaseStock(toRelease, {
          kind: 'order_cancelled', reason: LEDGER_REASONS.orderCancelled, orderId: order.id, actorId: input.actor.userId, at: now,
        });
      }
    });
  }
}
