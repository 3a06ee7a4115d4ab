import { beforeEach, describe, expect, it } from 'vitest';
import { GetSalesReport, MAX_REPORT_DAYS } from '../../../src/application/sales/get-sales-report.use-case.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { refused } from '../../support/refusal.js';
import { admin, aHarness, customer } from '../../support/use-case-harness.js';

const usd = aProduct().withId('p-usd').withPrice('19.99', 'USD').build();
const eur = aProduct().withId('p-eur').withPrice('5.00', 'EUR').build();
const kwd = aProduct().withId('p-kwd').withPrice('1.250', 'KWD').build();

const confirmedAt = (iso: string, product = usd, quantity = 1) => anOrder().withItem(product, quantity).at(new Date(iso)).confirmed();
const zero = (currency: string, amount: string) => ({ orders: 0, revenue: { amount, currency } });

describe('GetSalesReport (in-memory)', () => {
  let h: ReturnType<typeof aHarness>;
  let report: GetSalesReport;

  beforeEach(() => {
    h = aHarness();
    report = new GetSalesReport(h.deps);
  });

  const run = (query: { currency?: string; from?: string; to?: string }) =>
    report.execute({ actor: admin, currency: 'USD', from: '2025-03-01', to: '2025-03-04', ...query });

  it('gives one entry per day of [from, to), in order, days without sales as zero Money in the currency', async () => {
    await h.seed(confirmedAt('2025-03-02T08:00:00.000Z', usd, 2).build(), confirmedAt('2025-03-02T20:00:00.000Z').build());
    expect(await run({})).toEqual({
      currency: 'USD',
      from: '2025-03-01',
      to: '2025-03-04',
      days: [
        { date: '2025-03-01', ...zero('USD', '0.00') },
        { date: '2025-03-02', orders: 2, revenue: { amount: '59.97', currency: 'USD' } },
        { date: '2025-03-03', ...zero('USD', '0.00') },
      ],
    });
  });

  it('counts an order confirmed at 23:59:59.999Z on its day, and one at 00:00 on the next', async () => {
    await h.seed(confirmedAt('2025-03-01T23:59:59.999Z').build(), confirmedAt('2025-03-02T00:00:00.000Z', usd, 3).build());
    const { days } = await run({ to: '2025-03-03' });
    expect(days).toEqual([
      { date: '2025-03-01', orders: 1, revenue: { amount: '19.99', currency: 'USD' } },
      { date: '2025-03-02', orders: 1, revenue: { amount: '59.97', currency: 'USD' } },
    ]);
  });

  it('includes `from` and excludes `to`', async () => {
    await h.seed(
      confirmedAt('2025-02-28T23:59:59.999Z').build(),
      confirmedAt('2025-03-01T00:00:00.000Z').build(),
      confirmedAt('2025-03-04T00:00:00.000Z').build(),
    );
    const { days } = await run({});
    expect(days.map((d) => d.orders)).toEqual([1, 0, 0]);
  });

  it('leaves out cancelled orders (even confirmed before), pending ones and other currencies', async () => {
    await h.seed(
      confirmedAt('2025-03-01T10:00:00.000Z').build(),
      confirmedAt('2025-03-01T11:00:00.000Z').cancelled().build(),
      anOrder().withItem(usd).at(new Date('2025-03-01T12:00:00.000Z')).build(),
      confirmedAt('2025-03-01T13:00:00.000Z', eur).build(),
    );
    expect((await run({})).days[0]).toEqual({ date: '2025-03-01', orders: 1, revenue: { amount: '19.99', currency: 'USD' } });
    expect((await run({ currency: 'EUR' })).days[0]).toEqual({ date: '2025-03-01', orders: 1, revenue: { amount: '5.00', currency: 'EUR' } });
  });

  it("renders revenue with the currency's minor digits, zero included (KWD: 3, JPY: 0)", async () => {
    await h.seed(confirmedAt('2025-03-01T10:00:00.000Z', kwd, 2).build());
    expect((await run({ currency: 'KWD' })).days.map((d) => d.revenue.amount)).toEqual(['2.500', '0.000', '0.000']);
    expect((await run({ currency: 'JPY' })).days.map((d) => d.revenue)).toEqual(Array(3).fill({ amount: '0', currency: 'JPY' }));
  });

  it('asks the store for the sums of [from, to) once and loads no order', async () => {
    await h.seed(confirmedAt('2025-03-01T10:00:00.000Z').build());
    await run({});
    expect(h.uow.calls).toEqual([
      {
        call: 'salesViews.dailySales',
        args: [{ currency: 'USD', from: new Date('2025-03-01T00:00:00.000Z'), to: new Date('2025-03-04T00:00:00.000Z') }],
        inTransaction: false,
      },
    ]);
  });

  it('spans month, year and leap-day boundaries, up to 366 days', async () => {
    const { days } = await run({ from: '2024-01-01', to: '2025-01-01' });
    expect(days).toHaveLength(MAX_REPORT_DAYS);
    expect(days.map((d) => d.date)).toEqual(expect.arrayContaining(['2024-02-29', '2024-12-31']));
    expect(days.at(0)?.date).toBe('2024-01-01');
    expect(days.at(-1)?.date).toBe('2024-12-31');
    expect((await run({ from: '2025-12-31', to: '2026-01-01' })).days.map((d) => d.date)).toEqual(['2025-12-31']);
  });

  it('is for admins only: a customer is refused (auth.forbidden) and the store is not asked', async () => {
    const error = await refused(report.execute({ actor: customer, currency: 'USD', from: '2025-03-01', to: '2025-03-02' }));
    expect(error.code).toBe('auth.forbidden');
    expect(h.uow.calls).toEqual([]);
  });

  describe('refuses a bad range with validation.invalid naming the parameter', () => {
    it.each([
      ['a lower-case currency', { currency: 'usd' }, 'currency'],
      ['an unknown currency', { currency: 'XYZ' }, 'currency'],
      ['an empty currency', { currency: '' }, 'currency'],
      ['a day that does not exist', { from: '2025-02-29' }, 'from'],
      ['a month that does not exist', { to: '2025-13-01' }, 'to'],
      ['an unpadded date', { from: '2025-3-01' }, 'from'],
      ['a timestamp instead of a date', { from: '2025-03-01T00:00:00Z' }, 'from'],
      ['an empty date', { to: '' }, 'to'],
      ['a day before 1970', { from: '1969-12-31' }, 'from'],
      ['from equal to to', { from: '2025-03-04', to: '2025-03-04' }, 'to'],
      ['from after to', { from: '2025-03-05', to: '2025-03-04' }, 'to'],
      ['367 days', { from: '2024-01-01', to: '2025-01-02' }, 'to'],
    ])('%s', async (_label, query, path) => {
      const error = await refused(run(query));
      expect(error.code).toBe('validation.invalid');
      expect(error.issues).toEqual([expect.objectContaining({ path })]);
      expect(error.message).toMatch(new RegExp(`^${path} `));
      expect(h.uow.calls).toEqual([]);
    });

    it('names every bad parameter at once', async () => {
      const error = await refused(run({ currency: 'US', from: 'yesterday', to: '2025-02-30' }));
      expect(error.issues.map((i) => i.path)).toEqual(['currency', 'from', 'to']);
    });
  });
});
