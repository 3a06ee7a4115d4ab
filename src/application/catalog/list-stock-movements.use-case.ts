import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { keysetQuery, type Page, type PageRequest, toPage } from '../shared/pagination.js';
import { productNotFound } from './load-product.js';
import type { StockMovementDto } from './product.dto.js';
import { requireAdmin } from './require-admin.js';

export interface ListStockMovementsInput extends PageRequest {
  actor: Actor;
  productId: string;
}

export type ListStockMovementsOutput = Page<StockMovementDto>;

/** A product's stock ledger, oldest first (admin): every change of its stock, who made it and why. */
export class ListStockMovements {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: ListStockMovementsInput): Promise<ListStockMovementsOutput> {
    requireAdmin(input.actor);
    const { limit, fetch, after } = keysetQuery(input);
    const rows = await this.deps.uow.read(async (tx) => {
      if (!(await tx.productViews.byId(input.productId))) throw productNotFound(input.productId);
      return tx.productViews.movements({ productId: input.productId, after, limit: fetch });
    });
    return toPage(rows, limit, (row) => row);
  }
}
