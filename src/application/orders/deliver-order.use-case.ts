import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { idempotent, type IdempotencyRequest, type Seal } from '../shared/idempotency.js';
import { loadOrderAsAdmin } from './order-access.js';
import { type OrderChangeInput, runOrderChange } from './order-change.js';
import type { OrderDto } from './order.dto.js';

export interface DeliverOrderInput extends OrderChangeInput {
  /** From the `Idempotency-Key` header: a retry returns the first result. */
  idempotency?: IdempotencyRequest;
}

export type DeliverOrderOutput = OrderDto;

/** An admin records that a shipped order arrived; delivered is final. */
export class DeliverOrder {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: DeliverOrderInput): Promise<DeliverOrderOutput> {
    return idempotent(this.deps, input.idempotency, (seal) => this.deliver(input, seal));
  }

  private deliver(input: DeliverOrderInput, seal: Seal<OrderDto>): Promise<DeliverOrderOutput> {
    return runOrderChange(this.deps.uow, input, loadOrderAsAdmin, (order) => {
      order.deliver(this.deps.clock.now());
    }, seal);
  }
}
