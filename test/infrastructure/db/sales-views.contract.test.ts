import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DailySalesQuery } from '../../../src/application/ports/sales-views.port.js';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import type { Product } from '../../../src/domain/catalog/product.entity.js';
import type { Order } from '../../../src/domain/orders/order.aggregate.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aUser } from '../../support/mothers/user.mother.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

const at = (iso: string) => new Date(iso);
const MARCH: DailySalesQuery = { currency: 'USD', from: at('2025-03-01T00:00:00.000Z'), to: at('2025-04-01T00:00:00.000Z') };

/**
 * The sales report's read side, run unchanged on every adapter: orders grouped by the UTC day
 * they were confirmed on and summed by the store, from the totals the repository stored.
 */
describe.each(uowTargets)('SalesViews contract on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;
  let customerId: string;

  const usd = aProduct().withId('p-usd').withPrice('10.25', 'USD').build();
  const tea = aProduct().withId('p-tea').withPrice('0.50', 'USD').build();
  const eur = aProduct().withId('p-eur').withPrice('3.00', 'EUR').build();
  const jpy = aProduct().withId('p-jpy').withPrice('10000000000000', 'JPY').build();

  beforeEach(async () => {
    ({ uow, close } = await target.open());
    const customer = aUser().build();
    customerId = customer.id;
    await uow.run(async (tx) => {
      await tx.users.insert(customer);
      for (const p of [usd, tea, eur, jpy]) await tx.products.insert(p);
    });
  });
  afterEach(async () => close());

  const insert = (...orders: Order[]) =>
    uow.run(async (tx) => {
      for (const o of orders) await tx.orders.insert(o);
    });
  const confirmedAt = (iso: string, product: Product = usd, quantity = 1) => anOrder().ownedBy(customerId).withItem(product, quantity).at(at(iso)).confirmed();
  const report = (q: DailySalesQuery = MARCH) => uow.read((tx) => tx.salesViews.dailySales(q));

  it('counts and sums per UTC day, only days with sales, ascending; a day ends at 23:59:59.999Z', async () => {
    await insert(
      confirmedAt('2025-03-02T00:00:00.000Z', usd, 1).build(),
      confirmedAt('2025-03-01T23:59:59.999Z', usd, 2).build(),
      confirmedAt('2025-03-01T00:00:00.000Z', usd, 1).build(),
      confirmedAt('2025-03-05T12:30:00.000Z', usd, 3).build(),
    );
    expect(await report()).toEqual([
      { day: '2025-03-01', orders: 2, revenueMinor: 3075n },
      { day: '2025-03-02', orders: 1, revenueMinor: 1025n },
      { day: '2025-03-05', orders: 1, revenueMinor: 3075n },
    ]);
  });

  it('takes `from` inclusive and `to` exclusive, to the millisecond', async () => {
    await insert(
      confirmedAt('2025-02-28T23:59:59.999Z').build(),
      confirmedAt('2025-03-01T00:00:00.000Z').build(),
      confirmedAt('2025-03-31T23:59:59.999Z').build(),
      confirmedAt('2025-04-01T00:00:00.000Z').build(),
    );
    expect(await report()).toEqual([
      { day: '2025-03-01', orders: 1, revenueMinor: 1025n },
      { day: '2025-03-31', orders: 1, revenueMinor: 1025n },
    ]);
    expect(await report({ currency: 'USD', from: at('2025-03-02T00:00:00.000Z'), to: at('2025-03-31T00:00:00.000Z') })).toEqual([]);
  });

  it('leaves out orders cancelled after confirmation, pending orders and other currencies', async () => {
    await insert(
      confirmedAt('2025-03-10T10:00:00.000Z').build(),
      confirmedAt('2025-03-10T11:00:00.000Z').cancelled().build(),
      anOrder().ownedBy(customerId).withItem(usd).at(at('2025-03-10T12:00:00.000Z')).build(),
      confirmedAt('2025-03-10T13:00:00.000Z', eur, 2).build(),
    );
    expect(await report()).toEqual([{ day: '2025-03-10', orders: 1, revenueMinor: 1025n }]);
    expect(await report({ ...MARCH, currency: 'EUR' })).toEqual([{ day: '2025-03-10', orders: 1, revenueMinor: 600n }]);
    expect(await report({ ...MARCH, currency: 'GBP' })).toEqual([]);
  });

  it('sums the total each save stored: lines changed while pending, then confirmed; a later cancel takes the order out', async () => {
    const draft = anOrder().withId('o-draft').ownedBy(customerId).withItem(usd, 1).at(at('2025-03-01T09:00:00.000Z')).build();
    await insert(draft);
    await uow.run(async (tx) => {
      const order = (await tx.orders.findForUpdate('o-draft'))!;
      order.changeItemQuantity(order.items[0]!.id, 4, at('2025-03-02T09:00:00.000Z'));
      order.addItem({ itemId: 'o-draft-tea', product: tea, quantity: 3, now: at('2025-03-02T09:00:00.000Z') });
      await tx.orders.save(order);
    });
    await uow.run(async (tx) => {
      const order = (await tx.orders.findForUpdate('o-draft'))!;
      order.confirm(at('2025-03-03T09:00:00.000Z'));
      await tx.orders.save(order);
    });
    // 4 × 10.25 + 3 × 0.50, confirmed on the 3rd (not the day it was created or last changed).
    expect(await report()).toEqual([{ day: '2025-03-03', orders: 1, revenueMinor: 4250n }]);
    await uow.run(async (tx) => {
      const order = (await tx.orders.findForUpdate('o-draft'))!;
      order.cancel(at('2025-03-04T09:00:00.000Z'));
      await tx.orders.save(order);
    });
    expect(await report()).toEqual([]);
  });

  it('sums exactly past 2^32 and up to the quadrillions (JPY, exponent 0)', async () => {
    // Each order totals 10^13 × 100 = 10^15 yen; three of them 3 × 10^15, still a safe integer.
    await insert(...[1, 2, 3].map((h) => confirmedAt(`2025-03-20T0${h}:00:00.000Z`, jpy, 100).build()));
    expect(await report({ ...MARCH, currency: 'JPY' })).toEqual([{ day: '2025-03-20', orders: 3, revenueMinor: 3_000_000_000_000_000n }]);
  });

  it('sums exactly past 2^53: a day of ten 10^15-yen orders is 10^16, handed over as a bigint', async () => {
    // Every order is a legal one (below 2^53); their sum is not a safe integer, yet the report must stay exact.
    await insert(...Array.from({ length: 10 }, (_, i) => confirmedAt(`2025-03-21T${String(i).padStart(2, '0')}:00:00.000Z`, jpy, 100).build()));
    expect(await report({ ...MARCH, currency: 'JPY' })).toEqual([{ day: '2025-03-21', orders: 10, revenueMinor: 10_000_000_000_000_000n }]);
  });

  it('sums exactly past 2^63, where an SQL bigint sum would overflow: 1,025 orders of 9 × 10^15 yen in one day', async () => {
    // 9 × 10^15 is a legal order total (below 2^53); 1,025 of them pass 2^63 (about 9.22 × 10^18).
    const count = 1025;
    await insert(...Array.from({ length: count }, (_, i) => confirmedAt(new Date(Date.parse('2025-03-22T00:00:00.000Z') + i * 1000).toISOString(), jpy, 900).build()));
    expect(await report({ ...MARCH, currency: 'JPY' })).toEqual([{ day: '2025-03-22', orders: count, revenueMinor: 9_000_000_000_000_000n * BigInt(count) }]);
  }, 60_000);

  it('agrees with a sum over the aggregates themselves, for a mixed batch of orders around day boundaries', async () => {
    // A fixed pseudo-random batch: times within a few ms of midnights, three currencies, every status.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 48271) % 2147483647) % n);
    const products = [usd, tea, eur];
    const orders = Array.from({ length: 60 }, () => {
      const midnight = Date.UTC(2025, 2, 1 + next(5));
      const when = new Date(midnight + (next(2) === 0 ? -1 : 1) * next(3));
      const builder = anOrder().ownedBy(customerId).withItem(products[next(3)]!, 1 + next(4)).at(when);
      const kind = next(4);
      return (kind === 0 ? builder : kind === 1 ? builder.confirmed().cancelled() : builder.confirmed()).build();
    });
    await insert(...orders);
    for (const currency of ['USD', 'EUR']) {
      const query = { currency, from: at('2025-03-01T00:00:00.000Z'), to: at('2025-03-05T00:00:00.000Z') };
      const expected = new Map<string, { orders: number; revenueMinor: bigint }>();
      for (const o of orders) {
        const t = o.confirmedAt;
        if (o.currency !== currency || o.status === 'cancelled' || t === null || t < query.from || t >= query.to) continue;
        const day = t.toISOString().slice(0, 10);
        const sum = expected.get(day) ?? { orders: 0, revenueMinor: 0n };
        expected.set(day, { orders: sum.orders + 1, revenueMinor: sum.revenueMinor + BigInt(o.total().minor) });
      }
      const reference = [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([day, sum]) => ({ day, ...sum }));
      expect(reference.length).toBeGreaterThan(1);
      expect(await report(query)).toEqual(reference);
    }
  });

  it('reads what is committed: a unit of work rolled back leaves no sale behind', async () => {
    await uow
      .run(async (tx) => {
        await tx.orders.insert(confirmedAt('2025-03-15T08:00:00.000Z').build());
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await report()).toEqual([]);
  });
});
