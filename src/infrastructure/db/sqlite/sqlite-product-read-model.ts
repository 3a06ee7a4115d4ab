import type BetterSqlite3 from 'better-sqlite3';
import type { ProductDto, StockMovementDto } from '../../../application/catalog/product.dto.js';
import type { ProductListQuery, ProductRows, ProductViews, StockMovementQuery } from '../../../application/ports/product-views.port.js';
import { SqliteProductSearch, toView } from './sqlite-product-search.js';

/** The column list byId selects, in toView's order. */
const COLUMNS = 'id, sku, name, description, status, price_minor, currency, stock, created_at, updated_at';

type ViewRow = Parameters<typeof toView>[0];

/**
 * The catalog's read side on SQLite, outside transactions: literal SQL on the read-only
 * connection, each statement prepared once, rows fetched as arrays and mapped straight to
 * the DTO. It skips Kysely (its builder, compiler and connection queue) on the hottest reads
 * of the service — a product by id and every catalog listing (sqlite-product-search.ts); see
 * docs/adr/0010 and 0111 for the numbers that justify it. The stock ledger goes to `others`
 * (SqlProductViews on the same connection). Same answers as SqlProductViews (the ProductViews
 * and catalog search contracts run on both).
 */
export class SqliteProductReadModel implements ProductViews {
  /** Prepared at first use: the table exists only once the migrations have run. */
  private byIdStatement: BetterSqlite3.Statement<[string], ViewRow> | undefined;
  private readonly search: SqliteProductSearch;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    /** The stock ledger, on the same connection. */
    private readonly others: ProductViews,
    /** Index entries a filtered page may examine per part (SQLITE_SEARCH_SCAN_BUDGET). */
    scanBudget: number,
    /** Called once per statement run (SQL_STATEMENT_COUNTER), as Kysely's log hook is elsewhere. */
    private readonly onStatement: () => void = () => undefined,
  ) {
    this.search = new SqliteProductSearch(sqlite, scanBudget, onStatement);
  }

  byId(productId: string): Promise<ProductDto | null> {
    this.onStatement();
    try {
      this.byIdStatement ??= this.sqlite.prepare<[string], ViewRow>(`SELECT ${COLUMNS} FROM products WHERE id = ?`).raw(true);
      const row = this.byIdStatement.get(productId);
      return Promise.resolve(row ? toView(row) : null);
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  list(query: ProductListQuery): Promise<ProductRows> {
    try {
      return Promise.resolve(this.search.list(query));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  movements(query: StockMovementQuery): Promise<StockMovementDto[]> {
    return this.others.movements(query);
  }
}
