import type { Clock } from '../../domain/shared/clock.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { productArchived } from '../../domain/catalog/product.entity.js';
import { stockLowEvents } from '../../domain/catalog/product-events.js';
import { LEDGER_REASONS } from '../../domain/catalog/stock-movement.js';
import { DEFAULT_LOW_STOCK_THRESHOLD, type StockSettings } from '../catalog/stock-settings.js';
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
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; stock?: StockSettings }) {}

  async execute(input: ConfirmOrderInput): Promise<ConfirmOrderOutput> {
    return idempotent(this.deps, input.idempotency, (seal) => this.confirm(input, seal));
  }

  private confirm(input: ConfirmOrderInput, seal: Seal<OrderDto>): Promise<ConfirmOrderOutput> {
    return runOrderChange(this.deps.uow, input, loadOwnedOrder, async (order, tx) => {
      const now = this.deps.clock.now();
      order.confirm(now);
      // The ledger rows (one per product, kind order_confirmed) are written by the reservation itself.
      const { short, archived, changes } = await tx.products.reserveStock(order.stockLines(), {
        kind: 'order_confirmed', reason: LEDGER_REASONS.orderConfirmed, orderId: order.id, actorId: input.actor.userId, at: now,
      });
      if (archived.length > 0) throw productArchived(archived);
      if (short.length > 0) {
        throw new DomainError('stock.insufficient', 'not enough stock for every item in the order', [], {
          productIds: short,
        });
      }
      const lowStock = stockLowEvents(changes, this.deps.stock?.lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD, now);
      if (lowStock.length > 0) await tx.outbox.add(lowStock);
    }, seal);
  }
}
