import { Type } from 'typebox';
import { MAX_REPORT_DAYS } from '../../../application/sales/get-sales-report.use-case.js';
import { component, refTo } from './component.schema.js';
import { MoneySchema } from './money.schema.js';
import { Int32, INT32_MAX } from './primitives.schema.js';

const Day = (options: { description: string; examples: string[] }) => Type.String({ format: 'date', minLength: 10, maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$', ...options });

export const SalesReportSchema = component('SalesReport', Type.Object(
  {
    currency: Type.String({ minLength: 3, maxLength: 3, description: 'The ISO 4217 code asked for; every revenue is in it', examples: ['USD'] }),
    from: Day({ description: 'First day of the report (UTC), inclusive', examples: ['2026-03-01'] }),
    to: Day({ description: 'Day after the last one of the report (UTC), exclusive', examples: ['2026-03-04'] }),
    days: Type.Array(
      Type.Object(
        {
          date: Day({ description: 'The UTC day', examples: ['2026-03-02'] }),
          orders: Int32(0, INT32_MAX, { description: 'Orders in this currency confirmed on this day and not cancelled since (confirmed, shipped or delivered)' }),
          revenue: refTo(MoneySchema, { description: "The exact sum of those orders' totals; zero on a day without sales" }),
        },
        { additionalProperties: false },
      ),
      { maxItems: MAX_REPORT_DAYS, description: 'One entry per day from `from` to the day before `to`, in order; days without sales included' },
    ),
  },
  {
    additionalProperties: false,
    description: 'Sales per UTC day in one currency',
    examples: [
      {
        currency: 'USD',
        from: '2026-03-01',
        to: '2026-03-04',
        days: [
          { date: '2026-03-01', orders: 0, revenue: { amount: '0.00', currency: 'USD' } },
          { date: '2026-03-02', orders: 3, revenue: { amount: '112.47', currency: 'USD' } },
          { date: '2026-03-03', orders: 1, revenue: { amount: '19.99', currency: 'USD' } },
        ],
      },
    ],
  },
));

export const SalesReportQuery = Type.Object(
  {
    // The shape only; the domain decides which codes are supported (422 `currency` otherwise).
    currency: Type.String({ minLength: 1, maxLength: 3, description: 'ISO 4217 code, upper case', examples: ['USD'] }),
    from: Type.String({ minLength: 1, maxLength: 10, description: 'First day (UTC), `YYYY-MM-DD`, inclusive', examples: ['2026-03-01'] }),
    to: Type.String({ minLength: 1, maxLength: 10, description: `Day after the last (UTC), \`YYYY-MM-DD\`, exclusive; at most ${MAX_REPORT_DAYS} days after \`from\``, examples: ['2026-04-01'] }),
  },
  { additionalProperties: false },
);
