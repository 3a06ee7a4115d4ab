import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { keysetQuery, type Page, type PageRequest, toPage } from '../shared/pagination.js';
import type { ProductDto } from './product.dto.js';

/** Public; `limit` 1–100 (default 20), `cursor` as returned in the previous page's `nextCursor`. */
export type ListProductsInput = PageRequest;

export type ListProductsOutput = Page<ProductDto>;

export class ListProducts {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: ListProductsInput = {}): Promise<ListProductsOutput> {
    const { limit, fetch, after } = keysetQuery(input);
    // The read side: DTOs straight from storage, no aggregates (see product-views.port.ts).
    const rows = await this.deps.uow.read((tx) => tx.productViews.list({ limit: fetch, after }));
    return toPage(rows, limit, (row) => row);
  }
}
