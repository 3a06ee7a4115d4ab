import type { Clock } from '../../domain/shared/clock.port.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadProduct } from './load-product.js';
import { type ProductDto, toProductDto } from './product.dto.js';
import { requireAdmin } from './require-admin.js';

export interface UnarchiveProductInput {
  actor: Actor;
  productId: string;
}

export type UnarchiveProductOutput = ProductDto;

/** Puts an archived product back on sale; an active one is answered as it is. */
export class UnarchiveProduct {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: UnarchiveProductInput): Promise<UnarchiveProductOutput> {
    requireAdmin(input.actor);
    return this.deps.uow.run(async (tx) => {
      const product = await loadProduct(tx.products, input.productId);
      if (product.unarchive(this.deps.clock.now())) await tx.products.update(product, input.actor.userId);
      return toProductDto(product);
    });
  }
}
