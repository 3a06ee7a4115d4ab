import type { MoneyDto } from '../shared/money.dto.js';

/** One UTC day of the report: the orders confirmed that day and not cancelled since, and their total. */
export interface SalesDayDto {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  orders: number;
  revenue: MoneyDto;
}

/** Sales per UTC day in one currency, one entry per day of [from, to), days without sales included. */
export interface SalesReportDto {
  currency: string;
  from: string;
  to: string;
  days: SalesDayDto[];
}
