import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { productNotFound } from './load-product.js';
import type { ProductDto } from './product.dto.js';

/** Public: the catalog is readable without signing in. */
export interface GetProductInput {
  productId: string;
}

export type GetProductOutput = ProductDto;

export class GetProduct {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: GetProductInput): Promise<GetProductOutput> {
    // The read side: the DTO straight from storage, no aggregate (see product-views.port.ts).
    const product = await this.deps.uow.read((tx) => tx.productViews.byId(input.productId));
    if (!product) throw productNotFound(input.productId);
    return product;
  }
}
