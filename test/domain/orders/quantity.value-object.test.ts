import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Quantity } from '../../../src/domain/orders/quantity.value-object.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { refusal } from '../../support/refusal.js';

describe('Quantity', () => {
  it('accepts every integer from 1 to 10,000', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => Quantity.of(n).value === n));
  });

  it('refuses anything else, at the given path', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 10_001 }), fc.double().filter((d) => !Number.isInteger(d))),
        (n) => {
          const error = refusal(() => Quantity.of(n, '/items/0/quantity'));
          expect(error.code).toBe('validation.invalid');
          expect(error.issues.map((i) => i.path)).toEqual(['/items/0/quantity']);
        },
      ),
    );
  });

  it('adds up to the same bound', () => {
    expect(Quantity.of(4_000).plus(Quantity.of(6_000)).value).toBe(10_000);
    expect(() => Quantity.of(4_000).plus(Quantity.of(6_001))).toThrow(DomainError);
  });

  it('refuses at /quantity unless told another path, also when adding up', () => {
    expect(refusal(() => Quantity.of(0)).issues.map((i) => i.path)).toEqual(['/quantity']);
    expect(refusal(() => Quantity.of(6_000).plus(Quantity.of(6_000))).issues.map((i) => i.path)).toEqual(['/quantity']);
    expect(refusal(() => Quantity.of(6_000).plus(Quantity.of(6_000), '/items/3/quantity')).issues.map((i) => i.path)).toEqual(['/items/3/quantity']);
  });
});
