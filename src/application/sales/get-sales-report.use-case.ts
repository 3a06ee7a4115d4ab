import { DomainError, type FieldIssue } from '../../domain/shared/domain-error.js';
import { currencyExponent, isKnownCurrency } from '../../domain/shared/currency.js';
import { type Actor, isAdmin } from '../shared/actor.js';
import type { MoneyDto } from '../shared/money.dto.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { SalesReportDto } from './sales-report.dto.js';
import { daysBetween, eachUtcDay, FIRST_REPORT_DAY, parseUtcDay } from './utc-days.js';

/** The longest report: a year, leap day included. Bounds the rows scanned and the days returned. */
export const MAX_REPORT_DAYS = 366;

export interface GetSalesReportInput {
  actor: Actor;
  /** ISO 4217 code, e.g. `USD`. */
  currency: string;
  /** `YYYY-MM-DD` (UTC), inclusive. */
  from: string;
  /** `YYYY-MM-DD` (UTC), exclusive. */
  to: string;
}

/**
 * Sales per UTC day for the admin's dashboard: the store counts and sums the orders confirmed
 * in each day (not cancelled since), so no order is loaded here; this fills the days without
 * sales with zeros, so a chart gets one entry per day, in order.
 */
export class GetSalesReport {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: GetSalesReportInput): Promise<SalesReportDto> {
    if (!isAdmin(input.actor)) throw new DomainError('auth.forbidden', 'only an admin may read sales reports');
    const { currency, from, to } = validRange(input);
    const sold = await this.deps.uow.read((tx) => tx.salesViews.dailySales({ currency, from, to }));
    const byDay = new Map(sold.map((day) => [day.day, day]));
    return {
      currency,
      from: input.from,
      to: input.to,
      days: eachUtcDay(from, to).map((date) => {
        const day = byDay.get(date);
        return { date, orders: day?.orders ?? 0, revenue: revenueDto(day?.revenueMinor ?? 0n, currency) };
      }),
    };
  }
}

/**
 * A day's revenue on the wire. Money holds one order's amount (a safe integer); a day's sum of
 * legal orders can pass 2^53, so it is written from the exact bigint with the same digits.
 */
const revenueDto = (minor: bigint, currency: string): MoneyDto => {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return { amount: String(minor), currency };
  const unit = 10n ** BigInt(exponent);
  return { amount: `${minor / unit}.${String(minor % unit).padStart(exponent, '0')}`, currency };
};

// Query parameters are named as the HTTP edge names them in its own 422s: by name, not as a JSON pointer.
const validRange = (input: GetSalesReportInput): { currency: string; from: Date; to: Date } => {
  const issues: FieldIssue[] = [];
  const refuse = (path: string, message: string) => issues.push({ path, message });
  if (!isKnownCurrency(input.currency)) refuse('currency', 'must be a supported ISO 4217 currency code, such as USD');
  const from = parseUtcDay(input.from);
  const to = parseUtcDay(input.to);
  const dayRule = `must be a calendar date YYYY-MM-DD (UTC), ${FIRST_REPORT_DAY} or later`;
  if (from === null) refuse('from', dayRule);
  if (to === null) refuse('to', dayRule);
  if (from !== null && to !== null) {
    const days = daysBetween(from, to);
    if (days <= 0) refuse('to', 'must be after from (from is inclusive, to exclusive)');
    else if (days > MAX_REPORT_DAYS) refuse('to', `must be at most ${MAX_REPORT_DAYS} days after from`);
  }
  if (issues.length > 0 || from === null || to === null) {
    throw new DomainError('validation.invalid', `${issues[0]?.path ?? 'the range'} ${issues[0]?.message ?? 'is invalid'}`, issues);
  }
  return { currency: input.currency, from, to };
};
