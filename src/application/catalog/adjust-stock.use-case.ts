import type { Clock } from '../../domain/shared/clock.port.js';
import { STOCK_MAX, stockInsufficient, validAdjustment } from '../../domain/catalog/product.entity.js';
import { invalid } from '../../domain/shared/domain-error.js';
import { stockLowEvents } from '../../domain/catalog/product-events.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { productNotFound } from './load-product.js';
import type { ProductDto } from './product.dto.js';
import { requireAdmin } from './require-admin.js';
import { DEFAULT_LOW_STOCK_THRESHOLD, type StockSettings } from './stock-settings.js';

export interface AdjustStockInput {
  actor: Actor;
  productId: string;
  /** Units to add (positive) or take away (negative); never 0. */
  delta: number;
  reason: string;
}

export type AdjustStockOutput = ProductDto;

/**
 * A relative stock change with a reason (a delivery arrived, units broke), decided atomically
 * by the store so concurrent confirmations cannot make it go below zero; its `adjustment`
 * movement and any StockLow event are written in the same transaction.
 */
export class AdjustStock {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; stock?: StockSettings }) {}

  async execute(input: AdjustStockInput): Promise<AdjustStockOutput> {
    requireAdmin(input.actor);
    const { delta, reason } = validAdjustment(input.delta, input.reason);
    return this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const change = await tx.products.adjustStock(input.productId, delta, { kind: 'adjustment', reason, orderId: null, actorId: input.actor.userId, at: now });
      if (change === null) throw productNotFound(input.productId);
      if (change === 'insufficient') throw stockInsufficient([input.productId]);
      if (change === 'too_large') throw invalid('/delta', `would take stock above ${STOCK_MAX}`);
      const events = stockLowEvents([change], this.deps.stock?.lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD, now);
      if (events.length > 0) await tx.outbox.add(events);
      const product = await tx.productViews.byId(input.productId);
      if (!product) throw productNotFound(input.productId);
      return product;
    });
  }
}
