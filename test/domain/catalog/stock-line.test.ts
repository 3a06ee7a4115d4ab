import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byProductId, totalsByProduct, type StockLine } from '../../../src/domain/catalog/stock-line.js';

const line = (productId: string, quantity: number): StockLine => ({ productId, quantity });

describe('stock lines', () => {
  it('order by productId in code-unit order, not by locale, so every adapter and process locks alike', () => {
    const ids = ['b', 'B', 'a', '0', 'A'].map((id) => line(id, 1));
    expect(ids.sort(byProductId).map((l) => l.productId)).toEqual(['0', 'A', 'B', 'a', 'b']);
    expect(byProductId(line('x', 1), line('x', 2))).toBe(0);
  });

  it('sum repeated products into one total each, iterated in ascending productId', () => {
    const totals = totalsByProduct([line('c', 1), line('a', 2), line('c', 3), line('b', 4)]);
    expect([...totals]).toEqual([['a', 2], ['b', 4], ['c', 4]]);
  });

  it('keep every unit and never reorder the caller’s array, whatever the input', () => {
    const lines = fc.array(fc.record({ productId: fc.string({ maxLength: 3 }), quantity: fc.integer({ min: 1, max: 1000 }) }));
    fc.assert(
      fc.property(lines, (input) => {
        const before = [...input];
        const totals = totalsByProduct(input);
        const keys = [...totals.keys()];
        expect(input).toEqual(before);
        expect(keys).toEqual([...new Set(input.map((l) => l.productId))].sort());
        for (const id of keys) {
          expect(totals.get(id)).toBe(input.filter((l) => l.productId === id).reduce((n, l) => n + l.quantity, 0));
        }
      }),
    );
  });
});
