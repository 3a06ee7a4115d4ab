import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadProduct } from './load-product.js';
import { type ProductDto, toProductDto } from './product.dto.js';

/** Public: the catalog is readable without signing in. */
export interface GetProductInput {
  productId: string;
}

export type GetProductOutput = ProductDto;

export class GetProduct {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: GetProductInput): Promise<GetProductOutput> {
    return this.deps.uow.read(async (tx) => toProductDto(await loadProduct(tx.products, input.productId)));
  }
}
