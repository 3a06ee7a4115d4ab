import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DailySales, DailySalesQuery, SalesViews } from '../../../application/ports/sales-views.port.js';
import type { DB } from '../database.schema.js';
import { toIso } from '../mappers/row-values.js';

interface DailySalesRow {
  day: string;
  orders: number;
  /** Text on both dialects: PostgreSQL's sum(bigint) is numeric, and text carries any integer exactly. */
  revenue_minor: string;
}

const INTEGER = /^\d+$/;

/** An exact integer sum (a bigint: a day's sum may pass 2^53), or a loud refusal: never a rounded amount of money. */
const exactMinor = (text: string): bigint => {
  if (!INTEGER.test(text)) throw new RangeError(`a day's revenue is not an integer: ${text}`);
  return BigInt(text);
};

/*
 * One range scan of orders_sales_idx (currency, confirmed_at, status, total_minor; migration
 * 0008): the database filters, groups by UTC day and sums; only one row per day with sales
 * comes back. Timestamps are ISO text on SQLite (toIso: UTC, "Z"), so `date()` is the UTC day
 * and text comparison is time order; on PostgreSQL they are timestamptz, read at UTC.
 */
// SQLite's sum() of integers throws "integer overflow" past 2^63 (1,025 orders of a legal 9 × 10^15
// minor units do it); the high and low 32 bits are summed apart, each far from overflowing, and joined exactly here.
const sqliteDailySales = async (db: Kysely<DB>, q: DailySalesQuery, from: string, to: string) => {
  const result = await sql<Omit<DailySalesRow, 'revenue_minor'> & { high: string; low: string }>`SELECT date(confirmed_at) AS day, count(*) AS orders,
      cast(sum(total_minor >> 32) AS text) AS high, cast(sum(total_minor & 4294967295) AS text) AS low
    FROM orders
    WHERE currency = ${q.currency} AND confirmed_at >= ${from} AND confirmed_at < ${to} AND status <> 'cancelled'
    GROUP BY date(confirmed_at) ORDER BY day`.execute(db);
  const rows = result.rows.map(({ high, low, ...row }): DailySalesRow => ({ ...row, revenue_minor: String((exactMinor(high) << 32n) + exactMinor(low)) }));
  return { rows };
};

const postgresDailySales = (db: Kysely<DB>, q: DailySalesQuery, from: string, to: string) =>
  sql<DailySalesRow>`SELECT to_char(confirmed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS orders,
      sum(total_minor)::text AS revenue_minor
    FROM orders
    WHERE currency = ${q.currency} AND confirmed_at >= ${from}::timestamptz AND confirmed_at < ${to}::timestamptz AND status <> 'cancelled'
    GROUP BY 1 ORDER BY 1`.execute(db);

export class SqlSalesViews implements SalesViews {
  constructor(private readonly db: Kysely<DB>) {}

  async dailySales(q: DailySalesQuery): Promise<DailySales[]> {
    const run = this.db.getExecutor().adapter instanceof PostgresAdapter ? postgresDailySales : sqliteDailySales;
    const { rows } = await run(this.db, q, toIso(q.from), toIso(q.to));
    return rows.map((r) => ({ day: r.day, orders: Number(r.orders), revenueMinor: exactMinor(r.revenue_minor) }));
  }
}
