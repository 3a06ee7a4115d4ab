import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { idempotent, type IdempotencyRequest, type Seal } from '../shared/idempotency.js';
import { loadOrderAsAdmin } from './order-access.js';
import { type OrderChangeInput, runOrderChange } from './order-change.js';
import type { OrderDto } from './order.dto.js';

export interface ShipOrderInput extends OrderChangeInput {
  carrier?: string | null;
  trackingNumber?: string | null;
  /** From the `Idempotency-Key` header: a retry returns the first result. */
  idempotency?: IdempotencyRequest;
}

export type ShipOrderOutput = OrderDto;

/** An admin ships a confirmed order; `OrderShipped` (the customer's email, webhooks) commits with it. */
export class ShipOrder {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: ShipOrderInput): Promise<ShipOrderOutput> {
    return idempotent(this.deps, input.idempotency, (seal) => this.ship(input, seal));
  }

  private ship(input: ShipOrderInput, seal: Seal<OrderDto>): Promise<ShipOrderOutput> {
    return runOrderChange(this.deps.uow, input, loadOrderAsAdmin, (order) => {
      order.ship({ carrier: input.carrier, trackingNumber: input.trackingNumber }, this.deps.clock.now());
    }, seal);
  }
}
