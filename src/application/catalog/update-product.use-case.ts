import type { Clock } from '../../domain/shared/clock.port.js';
import { Money } from '../../domain/shared/money.value-object.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { MoneyDto } from '../shared/money.dto.js';
import { loadProduct } from './load-product.js';
import { type ProductDto, toProductDto } from './product.dto.js';
import { requireAdmin } from './require-admin.js';

/** A partial update: absent fields stay as they are. */
export interface UpdateProductInput {
  actor: Actor;
  productId: string;
  name?: string;
  price?: MoneyDto;
  stock?: number;
}

export type UpdateProductOutput = ProductDto;

export class UpdateProduct {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: UpdateProductInput): Promise<UpdateProductOutput> {
    requireAdmin(input.actor);
    const price = input.price && Money.parse(input.price.amount, input.price.currency, '/price');
    return this.deps.uow.run(async (tx) => {
      const product = await loadProduct(tx.products, input.productId);
      product.update({ name: input.name, price, stock: input.stock }, this.deps.clock.now());
      await tx.products.update(product);
      return toProductDto(product);
    });
  }
}
