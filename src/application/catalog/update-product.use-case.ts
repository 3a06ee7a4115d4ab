import type { Clock } from '../../domain/shared/clock.port.js';
import { stockLowEvents } from '../../domain/catalog/product-events.js';
import { Money } from '../../domain/shared/money.value-object.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { MoneyDto } from '../shared/money.dto.js';
import { loadProduct } from './load-product.js';
import { type ProductDto, toProductDto } from './product.dto.js';
import { requireAdmin } from './require-admin.js';
import { DEFAULT_LOW_STOCK_THRESHOLD, type StockSettings } from './stock-settings.js';

/** A partial update: absent fields stay as they are. */
export interface UpdateProductInput {
  actor: Actor;
  productId: string;
  name?: string;
  description?: string;
  price?: MoneyDto;
  stock?: number;
}

export type UpdateProductOutput = ProductDto;

/** A changed stock is a `set` movement in the ledger, and a StockLow event when it falls to the threshold. */
export class UpdateProduct {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; stock?: StockSettings }) {}

  async execute(input: UpdateProductInput): Promise<UpdateProductOutput> {
    requireAdmin(input.actor);
    const price = input.price && Money.parse(input.price.amount, input.price.currency, '/price');
    return this.deps.uow.run(async (tx) => {
      const product = await loadProduct(tx.products, input.productId);
      const now = this.deps.clock.now();
      product.update({ name: input.name, description: input.description, price, stock: input.stock }, now);
      const change = await tx.products.update(product, input.actor.userId);
      if (change) {
        const events = stockLowEvents([change], this.deps.stock?.lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD, now);
        if (events.length > 0) await tx.outbox.add(events);
      }
      return toProductDto(product);
    });
  }
}
