import type BetterSqlite3 from 'better-sqlite3';
import type { ProductDto } from '../../../application/catalog/product.dto.js';
import type { ProductListQuery, ProductViews } from '../../../application/ports/product-views.port.js';
import { toMoneyDto } from '../../../application/shared/money.dto.js';
import { Money } from '../../../domain/shared/money.value-object.js';

/** The column list every statement here selects, in this order (see toView). */
const COLUMNS = 'id, sku, name, price_minor, currency, stock, created_at';

/** A row as better-sqlite3 returns it in raw mode: the values of COLUMNS, in order. */
type ViewRow = [id: string, sku: string, name: string, priceMinor: number, currency: string, stock: number, createdAt: string];

/** SQLite keeps created_at as the ISO text the mapper wrote, so it is the DTO's createdAt as is. */
const toView = (row: ViewRow): ProductDto => ({
  id: row[0],
  sku: row[1],
  name: row[2],
  price: toMoneyDto(Money.of(row[3], row[4])),
  stock: row[5],
  createdAt: row[6],
});

/**
 * The catalog's read side on SQLite, outside transactions: literal SQL on the read-only
 * connection, each statement prepared once, rows fetched as arrays and mapped straight to
 * the DTO. It skips Kysely (its builder, compiler and connection queue) on the two hottest
 * reads of the service; see docs/adr/0010-sqlite-catalog-read-model.md for the numbers that
 * justify it. Same answers as SqlProductViews (the ProductViews contract runs on both).
 */
interface Statements {
  readonly byId: BetterSqlite3.Statement<[string], ViewRow>;
  readonly firstPage: BetterSqlite3.Statement<[number], ViewRow>;
  readonly pageAfter: BetterSqlite3.Statement<[string, number], ViewRow>;
}

const prepareStatements = (sqlite: BetterSqlite3.Database): Statements => ({
  byId: sqlite.prepare<[string], ViewRow>(`SELECT ${COLUMNS} FROM products WHERE id = ?`).raw(true),
  firstPage: sqlite.prepare<[number], ViewRow>(`SELECT ${COLUMNS} FROM products ORDER BY id LIMIT ?`).raw(true),
  pageAfter: sqlite.prepare<[string, number], ViewRow>(`SELECT ${COLUMNS} FROM products WHERE id > ? ORDER BY id LIMIT ?`).raw(true),
});

export class SqliteProductReadModel implements ProductViews {
  /** Prepared at first use: the table exists only once the migrations have run. */
  private statements: Statements | undefined;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
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

  list(query: ProductListQuery): Promise<ProductDto[]> {
    this.onStatement();
    try {
      const { firstPage, pageAfter } = this.prepared();
      const rows = query.after === null ? firstPage.all(query.limit) : pageAfter.all(query.after, query.limit);
      return Promise.resolve(rows.map(toView));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  private prepared(): Statements {
    return (this.statements ??= prepareStatements(this.sqlite));
  }
}
