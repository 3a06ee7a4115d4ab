import type { CurrencyCode } from '../../domain/shared/currency.js';

export interface DailySalesQuery {
  readonly currency: CurrencyCode;
  /** Inclusive: confirmed at or after this instant (a UTC midnight). */
  readonly from: Date;
  /** Exclusive: confirmed before this instant (a UTC midnight). */
  readonly to: Date;
}

/** One UTC day with at least one sale. */
export interface DailySales {
  /** `YYYY-MM-DD`, the UTC day of confirmation. */
  readonly day: string;
  readonly orders: number;
  /** Σ of the orders' totals in minor units, exact: a bigint, since a day of legal orders can pass 2^53. */
  readonly revenueMinor: bigint;
}

/**
 * Sales as reports read them: orders in one currency, confirmed in [from, to) and not
 * cancelled now (`status <> 'cancelled'`, so shipped and delivered orders count too),
 * grouped by the UTC day of confirmation and summed BY THE STORE — never every order
 * loaded to be added up here. Only days with sales, ascending; the caller fills the gaps.
 */
export interface SalesViews {
  dailySales(query: DailySalesQuery): Promise<DailySales[]>;
}
