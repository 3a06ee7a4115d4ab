import type { DailySales, DailySalesQuery, SalesViews } from '../../application/ports/sales-views.port.js';
import type { OrderRecord } from './in-memory-order.repository.js';
import type { InMemoryStore } from './in-memory-store.js';

/** What the SQL adapter's GROUP BY gives, over the stored order records. */
export class InMemorySalesViews implements SalesViews {
  constructor(private readonly store: InMemoryStore) {}

  async dailySales(q: DailySalesQuery): Promise<DailySales[]> {
    const from = q.from.toISOString();
    const to = q.to.toISOString();
    const days = new Map<string, { orders: number; revenueMinor: bigint }>();
    for (const r of (this.store.orders as Map<string, OrderRecord>).values()) {
      if (r.currency !== q.currency || r.status === 'cancelled' || r.confirmedAt === null) continue;
      if (r.confirmedAt < from || r.confirmedAt >= to) continue;
      const day = r.confirmedAt.slice(0, 10);
      const sum = days.get(day) ?? { orders: 0, revenueMinor: 0n };
      days.set(day, { orders: sum.orders + 1, revenueMinor: sum.revenueMinor + BigInt(r.totalMinor) });
    }
    return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, sum]) => ({ day, ...sum }));
  }
}
