import { Product, type ProductStatus } from '../../../domain/catalog/product.entity.js';
import { foldForSearch } from '../../../domain/catalog/search-fold.js';
import { Money } from '../../../domain/shared/money.value-object.js';
import type { ProductsTable } from '../database.schema.js';
import { toDate, toIso } from './row-values.js';

/** What an admin may change; stock is among them, so it is written only when it changed (see changedColumns). */
export type MutableColumns = Pick<ProductsTable, 'name' | 'name_lower' | 'search_text' | 'description' | 'status' | 'price_minor' | 'currency' | 'stock'>;
const MUTABLE: readonly (keyof MutableColumns)[] = ['name', 'name_lower', 'search_text', 'description', 'status', 'price_minor', 'currency', 'stock'];

/** The text `q` searches: name and SKU folded alike, apart (a term holds no U+001F, so never matches across). */
export const searchTextOf = (name: string, sku: string): string => `${foldForSearch(name)}\u001f${foldForSearch(sku)}`;

export const productToRow = (product: Product): ProductsTable => ({
  id: product.id,
  sku: product.sku,
  sku_normalized: product.sku.toLowerCase(),
  name: product.name,
  name_lower: product.name.toLowerCase(),
  search_text: searchTextOf(product.name, product.sku),
  description: product.description,
  status: product.status,
  price_minor: product.price.minor,
  currency: product.price.currency,
  stock: product.stock,
  created_at: toIso(product.createdAt),
  updated_at: toIso(product.updatedAt),
});

export const productFromRow = (row: ProductsTable): Product =>
  Product.restore({
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    status: row.status as ProductStatus,
    price: Money.of(Number(row.price_minor), row.currency),
    stock: Number(row.stock),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  });

/** The columns an update may change, as `product` has them now. */
export const mutableColumnsOf = (product: Product): MutableColumns => ({
  name: product.name,
  name_lower: product.name.toLowerCase(),
  search_text: searchTextOf(product.name, product.sku),
  description: product.description,
  status: product.status,
  price_minor: product.price.minor,
  currency: product.price.currency,
  stock: product.stock,
});

/**
 * The columns to write for an update: those that differ from `before` (the values the copy was
 * loaded with; every mutable column when unknown), plus updated_at.
 */
export const changedColumns = (
  product: Product,
  before: MutableColumns | undefined,
): Partial<MutableColumns> & Pick<ProductsTable, 'updated_at'> => {
  const next = mutableColumnsOf(product);
  const changes: Partial<MutableColumns> & Pick<ProductsTable, 'updated_at'> = { updated_at: toIso(product.updatedAt) };
  for (const column of MUTABLE) {
    if (before === undefined || before[column] !== next[column]) Object.assign(changes, { [column]: next[column] });
  }
  return changes;
};
