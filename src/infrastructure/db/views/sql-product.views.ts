import type { Kysely } from 'kysely';
import type { ProductDto } from '../../../application/catalog/product.dto.js';
import { toMoneyDto } from '../../../application/shared/money.dto.js';
import type { ProductListQuery, ProductViews } from '../../../application/ports/product-views.port.js';
import { Money } from '../../../domain/shared/money.value-object.js';
import type { DB, Timestamp } from '../database.schema.js';
import { toIsoText } from '../mappers/row-values.js';

const COLUMNS = ['id', 'sku', 'name', 'price_minor', 'currency', 'stock', 'created_at'] as const;

interface ViewRow {
  id: string;
  sku: string;
  name: string;
  price_minor: number;
  currency: string;
  stock: number;
  created_at: Timestamp;
}

/** The row as the API shows it: what toProductDto gives for the same product, without building one. */
const toView = (row: ViewRow): ProductDto => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  price: toMoneyDto(Money.of(Number(row.price_minor), row.currency)),
  stock: Number(row.stock),
  createdAt: toIsoText(row.created_at),
});

/** Bound to whatever executor the unit of work hands it (the read connection, or a transaction). */
export class SqlProductViews implements ProductViews {
  constructor(private readonly db: Kysely<DB>) {}

  async byId(productId: string): Promise<ProductDto | null> {
    const row = await this.db.selectFrom('products').select(COLUMNS).where('id', '=', productId).executeTakeFirst();
    return row ? toView(row) : null;
  }

  async list(query: ProductListQuery): Promise<ProductDto[]> {
    let page = this.db.selectFrom('products').select(COLUMNS).orderBy('id').limit(query.limit);
    if (query.after !== null) page = page.where('id', '>', query.after);
    return (await page.execute()).map(toView);
  }
}
