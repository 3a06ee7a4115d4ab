import type BetterSqlite3 from 'better-sqlite3';
import type { ProductDto, StockMovementDto } from '../../../application/catalog/product.dto.js';
import type { ProductListQuery, ProductRows, ProductViews, StockMovementQuery } from '../../../application/ports/product-views.port.js';
import { toMoneyDto } from '../../../application/shared/money.dto.js';
import type { ProductStatus } from '../../../domain/catalog/product.entity.js';
import { Money } from '../../../domain/shared/money.value-object.js';

/** The column list every statement here selects, in this order (see toView). */
const COLUMNS = 'id, sku, name, description, status, price_minor, currency, stock, created_at, updated_at';

/** A row as better-sqlite3 returns it in raw mode: the values of COLUMNS, in order. */
type ViewRow = [
  id: string,
  sku: string,
  name: string,
  description: string,
  status: string,
  priceMinor: number,
  currency: string,
  stock: number,
  createdAt: string,
  updatedAt: string,
];

/** SQLite keeps timestamps as the ISO text the mapper wrote, so they are the DTO's as is. */
const toView = (row: ViewRow): ProductDto => ({
  id: row[0],
  sku: row[1],
  name: row[2],
  description: row[3],
  status: row[4] as ProductStatus,
  price: toMoneyDto(Money.of(row[5], row[6])),
  stock: row[7],
  createdAt: row[8],
  updatedAt: row[9],
});

/**
 * The catalog's read side on SQLite, outside transactions: literal SQL on the read-only
 * connection, each statement prepared once, rows fetched as arrays and mapped straight to
 * the DTO. It skips Kysely (its builder, compiler and connection queue) on the two hottest
 * reads of the service — a product by id and the default catalog page (active, oldest first);
 * see docs/adr/0010-sqlite-catalog-read-model.md for the numbers that justify it. Searches,
 * other sorts and the stock ledger go to `others` (SqlProductViews on the same connection).
 * Same answers as SqlProductViews (the ProductViews contract runs on both).
 */
interface Statements {
  readonly byId: BetterSqlite3.Statement<[string], ViewRow>;
  readonly firstPage: BetterSqlite3.Statement<[number], ViewRow>;
  readonly pageAfter: BetterSqlite3.Statement<[string, string, number], ViewRow>;
}

// The row-value comparison seeks the (status, created_at, id) index straight to the position.
const prepareStatements = (sqlite: BetterSqlite3.Database): Statements => ({
  byId: sqlite.prepare<[string], ViewRow>(`SELECT ${COLUMNS} FROM products WHERE id = ?`).raw(true),
  firstPage: sqlite
    .prepare<[number], ViewRow>(`SELECT ${COLUMNS} FROM products WHERE status = 'active' ORDER BY created_at, id LIMIT ?`)
    .raw(true),
  pageAfter: sqlite
    .prepare<[string, string, number], ViewRow>(
      `SELECT ${COLUMNS} FROM products WHERE status = 'active' AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`,
    )
    .raw(true),
});

/** The default listing: what the fast path answers. */
const isDefaultListing = (q: ProductListQuery): boolean =>
  q.sort === 'createdAt' && q.status === 'active' && q.q === null && q.currency === null && q.minPriceMinor === null && q.maxPriceMinor === null && !q.inStock;

export class SqliteProductReadModel implements ProductViews {
  /** Prepared at first use: the table exists only once the migrations have run. */
  private statements: Statements | undefined;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    /** Every other read (searches, other sorts, the ledger), on the same connection. */
    private readonly others: ProductViews,
    /** Called once per statement run (SQL_STATEMENT_COUNTER), as Kysely's log hook is elsewhere. */
    private readonly onStatement: () => void = () => undefined,
  ) {}

  byId(productId: string): Promise<ProductDto | null> {
    this.onStatement();
    try {
      const row = this.prepared().byId.get(productId);
      return Promise.resolve(row ? toView(row) : null);
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  list(query: ProductListQuery): Promise<ProductRows> {
    if (!isDefaultListing(query)) return this.others.list(query);
    this.onStatement();
    try {
      const { firstPage, pageAfter } = this.prepared();
      const rows = query.after === null ? firstPage.all(query.limit) : pageAfter.all(String(query.after.key), query.after.id, query.limit);
      return Promise.resolve({ rows: rows.map(toView), resumeAfter: null });
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  movements(query: StockMovementQuery): Promise<StockMovementDto[]> {
    return this.others.movements(query);
  }

  private prepared(): Statements {
    return (this.statements ??= prepareStatements(this.sqlite));
  }
}
