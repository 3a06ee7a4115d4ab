import type { Clock } from '../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadProduct } from '../catalog/load-product.js';
import { loadOwnedOrder } from './order-access.js';
import { type OrderChangeInput, runOrderChange } from './order-change.js';
import type { OrderDto } from './order.dto.js';

export interface AddOrderItemInput extends OrderChangeInput {
  productId: string;
  quantity: number;
}

export type AddOrderItemOutput = OrderDto;

/** Adds a product at its current price; a product already in the order adds to its line. */
export class AddOrderItem {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; ids: IdGenerator }) {}

  async execute(input: AddOrderItemInput): Promise<AddOrderItemOutput> {
    const { uow, clock, ids } = this.deps;
    return runOrderChange(uow, input, loadOwnedOrder, async (order, tx) => {
      const product = await loadProduct(tx.products, input.productId);
      product.assertOrderable();
      order.addItem({ itemId: ids.next(), product, quantity: input.quantity, now: clock.now() });
    });
  }
}
