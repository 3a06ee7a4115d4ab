import { describe, expect, it } from 'vitest';
import { DESCRIPTION_MAX, Product, REASON_MAX, validAdjustment } from '../../../src/domain/catalog/product.entity.js';
import { productArchivedEvent, stockLowEvents } from '../../../src/domain/catalog/product-events.js';
import { fellToLowStock } from '../../../src/domain/catalog/stock-movement.js';
import { Money } from '../../../src/domain/shared/money.value-object.js';
import { refusal } from '../../support/refusal.js';

const T0 = new Date('2025-01-01T00:00:00.000Z');
const T1 = new Date('2025-01-02T00:00:00.000Z');
const make = (extra: { description?: string } = {}) =>
  Product.create({ id: 'p-1', sku: 'ABC-1', name: 'Widget', price: Money.parse('1', 'USD'), stock: 5, now: T0, ...extra });

describe('Product description', () => {
  it('defaults to "" and keeps what was written, line breaks and spaces included', () => {
    expect(make().description).toBe('');
    expect(make({ description: '  Two lines\nof text ' }).description).toBe('  Two lines\nof text ');
  });

  it(`is at most ${DESCRIPTION_MAX} characters, counted in code points`, () => {
    expect(make({ description: '💡'.repeat(DESCRIPTION_MAX) }).description).toHaveLength(DESCRIPTION_MAX * 2);
    expect(refusal(() => make({ description: 'x'.repeat(DESCRIPTION_MAX + 1) })).issues[0]?.path).toBe('/description');
  });

  it('is changed by update, which validates before changing anything', () => {
    const product = make();
    product.update({ description: 'New' }, T1);
    expect(product).toMatchObject({ description: 'New', updatedAt: T1 });
    expect(refusal(() => product.update({ name: 'Renamed', description: 'x'.repeat(DESCRIPTION_MAX + 1) }, T1)).code).toBe('validation.invalid');
    expect(product.name).toBe('Widget');
  });
});

describe('Product archiving', () => {
  it('starts active; archive and unarchive report whether they changed anything', () => {
    const product = make();
    expect(product.status).toBe('active');
    expect(product.archive(T1)).toBe(true);
    expect(product).toMatchObject({ status: 'archived', updatedAt: T1 });
    expect(product.archive(T1)).toBe(false);
    expect(product.unarchive(T1)).toBe(true);
    expect(product.unarchive(T1)).toBe(false);
    expect(product.status).toBe('active');
  });

  it('an archived product cannot be ordered: product.archived naming it', () => {
    const product = make();
    expect(() => product.assertOrderable()).not.toThrow();
    product.archive(T1);
    expect(refusal(() => product.assertOrderable())).toMatchObject({ code: 'product.archived', details: { productIds: ['p-1'] } });
  });

  it('raises ProductArchived with the product id, sku, name and stock', () => {
    const product = make();
    expect(productArchivedEvent(product, T1)).toEqual({
      type: 'ProductArchived',
      occurredAt: T1,
      aggregateId: 'p-1',
      payload: { productId: 'p-1', sku: 'ABC-1', name: 'Widget', stock: 5 },
    });
  });
});

describe('stock adjustments', () => {
  it('takes a non-zero integer delta and a reason of 1–200 characters (trimmed)', () => {
    expect(validAdjustment(-3, '  broken  ')).toEqual({ delta: -3, reason: 'broken' });
    expect(validAdjustment(7, 'r'.repeat(REASON_MAX))).toEqual({ delta: 7, reason: 'r'.repeat(REASON_MAX) });
    for (const delta of [0, 1.5, Number.NaN, 2_000_000_000]) expect(refusal(() => validAdjustment(delta, 'why')).issues[0]?.path).toBe('/delta');
    for (const reason of ['', '   ', 'r'.repeat(REASON_MAX + 1)]) expect(refusal(() => validAdjustment(1, reason)).issues[0]?.path).toBe('/reason');
  });
});

describe('StockLow', () => {
  it('is news only when stock falls from above the threshold to at or below it', () => {
    expect(fellToLowStock({ stockBefore: 6, stockAfter: 5 }, 5)).toBe(true);
    expect(fellToLowStock({ stockBefore: 100, stockAfter: 0 }, 5)).toBe(true);
    expect(fellToLowStock({ stockBefore: 5, stockAfter: 4 }, 5)).toBe(false);
    expect(fellToLowStock({ stockBefore: 7, stockAfter: 6 }, 5)).toBe(false);
    expect(fellToLowStock({ stockBefore: 2, stockAfter: 9 }, 5)).toBe(false);
  });

  it('one event per product that fell, with its stock and the threshold', () => {
    const events = stockLowEvents(
      [
        { productId: 'p-1', sku: 'A', name: 'a', stockBefore: 9, stockAfter: 3 },
        { productId: 'p-2', sku: 'B', name: 'b', stockBefore: 9, stockAfter: 8 },
      ],
      5,
      T1,
    );
    expect(events).toEqual([
      { type: 'StockLow', occurredAt: T1, aggregateId: 'p-1', payload: { productId: 'p-1', sku: 'A', name: 'a', stock: 3, threshold: 5 } },
    ]);
  });
});
