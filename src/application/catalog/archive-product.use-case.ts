import type { Clock } from '../../domain/shared/clock.port.js';
import { productArchivedEvent } from '../../domain/catalog/product-events.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadProduct } from './load-product.js';
import { type ProductDto, toProductDto } from './product.dto.js';
import { requireAdmin } from './require-admin.js';

export interface ArchiveProductInput {
  actor: Actor;
  productId: string;
}

export type ArchiveProductOutput = ProductDto;

/**
 * Takes a product off sale (never deletes it: orders point at it). Idempotent: archiving an
 * archived product answers it as it is and raises no second ProductArchived.
 */
export class ArchiveProduct {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: ArchiveProductInput): Promise<ArchiveProductOutput> {
    requireAdmin(input.actor);
    return this.deps.uow.run(async (tx) => {
      const product = await loadProduct(tx.products, input.productId);
      const now = this.deps.clock.now();
      if (product.archive(now)) {
        await tx.products.update(product, input.actor.userId);
        await tx.outbox.add([productArchivedEvent(product, now)]);
      }
      return toProductDto(product);
    });
  }
}
