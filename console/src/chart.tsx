import type { Money } from './api';

export interface SalesDay {
  date: string;
  orders: number;
  revenue: Money;
}

/** Decimal amount strings → comparable numbers for drawing only (the figures shown are the API's exact strings). */
const height = (amount: string): number => Number(amount);

/**
 * Sales per day as bars, drawn by hand in SVG (no chart library: a few hundred bytes instead of
 * a hundred kilobytes). Each bar has a <title> with the exact figures; a table with the same
 * numbers follows for screen readers and for copying.
 */
export const SalesChart = ({ days, currency }: { days: SalesDay[]; currency: string }) => {
  const W = 720;
  const H = 220;
  const pad = { left: 8, right: 8, top: 12, bottom: 28 };
  const max = Math.max(0, ...days.map((d) => height(d.revenue.amount)));
  const slot = (W - pad.left - pad.right) / Math.max(1, days.length);
  const bar = Math.max(1, slot * 0.75);
  const y = (v: number) => (max === 0 ? 0 : ((H - pad.top - pad.bottom) * v) / max);
  const labelEvery = Math.ceil(days.length / 8);
  const total = days.reduce((n, d) => n + d.orders, 0);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Revenue per day in ${currency}: ${total} orders over ${days.length} days`}>
        <line className="axis" x1={pad.left} x2={W - pad.right} y1={H - pad.bottom} y2={H - pad.bottom} />
        {days.map((d, i) => {
          const h = y(height(d.revenue.amount));
          const x = pad.left + i * slot + (slot - bar) / 2;
          return (
            <g key={d.date}>
              <rect className="bar" x={x} y={H - pad.bottom - h} width={bar} height={h}>
                <title>{`${d.date}: ${d.orders} orders, ${d.revenue.currency} ${d.revenue.amount}`}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text x={x + bar / 2} y={H - pad.bottom + 16} textAnchor="middle">
                  {d.date.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {total} orders · highest day {currency} {max === 0 ? '0' : days.reduce((a, d) => (height(d.revenue.amount) > height(a.revenue.amount) ? d : a)).revenue.amount}
      </figcaption>
    </figure>
  );
};
