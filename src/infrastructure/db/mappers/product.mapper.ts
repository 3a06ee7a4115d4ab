import { Product } from '../../../domain/catalog/product.entity.js';
import { Money } from '../../../domain/shared/money.value-object.js';
import type { ProductsTable } from '../database.schema.js';
import { hiddenField } from './hidden-field.js';
import { toDate, toIso } from './row-values.js';

/** What an admin may change; stock is among them, so it is written only when it changed (see productChanges). */
type MutableColumns = Pick<ProductsTable, 'name' | 'price_minor' | 'currency' | 'stock'>;
const MUTABLE: readonly (keyof MutableColumns)[] = ['name', 'price_minor', 'currency', 'stock'];

/* The row each Product object was loaded from (or last written as): a hidden field of that copy. */
const persisted = hiddenField<Product, MutableColumns>('persisted product row');

const mutableColumns = (row: MutableColumns): MutableColumns => ({
  name: row.name,
  price_minor: row.price_minor,
  currency: row.currency,
  stock: row.stock,
});

export const productToRow = (product: Product): ProductsTable => ({
  id: product.id,
  sku: product.sku,
  sku_normalized: product.sku.toLowerCase(),
  name: product.name,
  price_minor: product.price.minor,
  currency: product.price.currency,
  stock: product.stock,
  created_at: toIso(product.createdAt),
  updated_at: toIso(product.updatedAt),
});

export const productFromRow = (row: ProductsTable): Product => {
  const price = Money.of(Number(row.price_minor), row.currency);
  const stock = Number(row.stock);
  const product = Product.restore({
    id: row.id,
    sku: row.sku,
    name: row.name,
    price,
    stock,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  });
  // What markProductPersisted would record, without re-deriving the whole row (a hot path).
  persisted.set(product, { name: product.name, price_minor: price.minor, currency: price.currency, stock });
  return product;
};

/** After an insert or update: this copy now matches its row. */
export const markProductPersisted = (product: Product): void => {
  persisted.set(product, mutableColumns(productToRow(product)));
};

/**
 * The columns to write for an update: only those that differ from what this copy was
 * loaded with (every mutable column for a copy that was never loaded), plus updated_at.
 */
export const productChanges = (product: Product): Partial<MutableColumns> & Pick<ProductsTable, 'updated_at'> => {
  const next = productToRow(product);
  const before = persisted.get(product);
  const changes: Partial<MutableColumns> & Pick<ProductsTable, 'updated_at'> = { updated_at: next.updated_at };
  for (const column of MUTABLE) {
    if (before === undefined || before[column] !== next[column]) Object.assign(changes, { [column]: next[column] });
  }
  return changes;
};
