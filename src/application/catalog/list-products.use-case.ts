import { foldForSearch } from '../../domain/catalog/search-fold.js';
import { DomainError, invalid } from '../../domain/shared/domain-error.js';
import { isKnownCurrency } from '../../domain/shared/currency.js';
import { Money } from '../../domain/shared/money.value-object.js';
import { type Actor, isAdmin } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import {
  PRODUCT_SORTS,
  PRODUCT_STATUS_FILTERS,
  type ProductListQuery,
  type ProductSort,
  type ProductStatusFilter,
  sortKeyOf,
} from '../ports/product-views.port.js';
import { keysetQuery, type Page, type PageRequest } from '../shared/pagination.js';
import { decodeProductCursor, encodeProductCursor } from './product-cursor.js';
import type { ProductDto } from './product.dto.js';

/** Public; `limit` 1–100 (default 20), `cursor` as returned in the previous page's `nextCursor`. */
export interface ListProductsInput extends PageRequest {
  /** Only needed for `status`: the catalog itself is public. */
  actor?: Actor | null;
  q?: string | null;
  minPrice?: string | null;
  maxPrice?: string | null;
  currency?: string | null;
  inStock?: boolean | null;
  sort?: string | null;
  status?: string | null;
}

export type ListProductsOutput = Page<ProductDto>;

/** The catalog a shop browses: search, price range, in-stock, six sorts; archived products only for admins who ask. */
export class ListProducts {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: ListProductsInput = {}): Promise<ListProductsOutput> {
    const status = statusFilter(input);
    const sort = oneOf(PRODUCT_SORTS, input.sort, 'sort') ?? 'createdAt';
    const currency = input.currency ?? null;
    if (currency !== null && !isKnownCurrency(currency)) throw invalid('currency', 'must be a supported ISO 4217 currency code, such as USD');
    const minPriceMinor = priceBound(input.minPrice, currency, 'minPrice');
    const maxPriceMinor = priceBound(input.maxPrice, currency, 'maxPrice');
    if (minPriceMinor !== null && maxPriceMinor !== null && minPriceMinor > maxPriceMinor) {
      throw invalid('minPrice', `must not be greater than maxPrice (${input.maxPrice}): no price lies in that range`);
    }
    const q = searchTerm(input.q);
    const listing = { sort, q, currency, minPriceMinor, maxPriceMinor, inStock: input.inStock === true, status };
    // The page size is checked before the cursor, as every list does.
    const { limit, fetch } = keysetQuery({ limit: input.limit });
    const after = decodeProductCursor(listing, input.cursor);
    const query: ProductListQuery = { ...listing, limit: fetch, after };
    // The read side: DTOs straight from storage, no aggregates (see product-views.port.ts).
    const { rows, resumeAfter } = await this.deps.uow.read((tx) => tx.productViews.list(query));
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    // A full page continues after its last row; a page the store cut short, where it stopped looking.
    const next = rows.length > limit && last ? { key: sortKeyOf(sort, last), id: last.id } : resumeAfter;
    return { items, nextCursor: next ? encodeProductCursor(listing, next) : null };
  }
}

const oneOf = <T extends string>(allowed: readonly T[], value: string | null | undefined, path: string): T | null => {
  if (value === undefined || value === null) return null;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(path, `must be one of ${allowed.join(', ')}`);
  return value as T;
};

/** Archived products are an admin's business: asking for them needs a token (401) and the admin role (403). */
const statusFilter = (input: ListProductsInput): ProductStatusFilter => {
  const status = oneOf(PRODUCT_STATUS_FILTERS, input.status, 'status');
  if (status === null) return 'active';
  if (!input.actor) throw new DomainError('auth.invalid_token', 'send a bearer access token to filter by status');
  if (!isAdmin(input.actor)) throw new DomainError('auth.forbidden', 'only an admin may list products by status');
  return status;
};

/**
 * Folded as the stored names are (domain/catalog/search-fold.ts); a term that folds to nothing (a
 * lone accent) filters nothing. Control characters never occur in a name or SKU, and stores keep
 * the two searched texts apart with one (U+001F), so a term holding one is refused.
 */
const searchTerm = (raw: string | null | undefined): string | null => {
  if (raw === undefined || raw === null) return null;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) throw invalid('q', 'must not contain control characters');
  }
  return foldForSearch(raw) || null;
};

const priceBound = (amount: string | null | undefined, currency: string | null, path: string): number | null => {
  if (amount === undefined || amount === null) return null;
  if (currency === null) throw invalid(path, 'requires `currency`: a price means nothing without it');
  try {
    return Money.parse(amount, currency).minor;
  } catch (e) {
    // Money names `/amount`; the client sent it as this parameter.
    if (e instanceof DomainError) throw invalid(path, e.message);
    throw e;
  }
};

export type { ProductSort };
