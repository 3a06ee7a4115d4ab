import { describe, expect, it } from 'vitest';
import { underPath } from '../../../src/application/shared/issue-path.js';
import { DomainError, invalid } from '../../../src/domain/shared/domain-error.js';

describe('underPath', () => {
  it('re-roots field issues under the prefix, keeping code and details', () => {
    const original = new DomainError('order.currency_mismatch', 'nope', [{ path: '/productId', message: 'm' }], { x: 1 });
    expect(() =>
      underPath('/items/2', () => {
        throw original;
      }),
    ).toThrow(
      expect.objectContaining({ code: 'order.currency_mismatch', issues: [{ path: '/items/2/productId', message: 'm' }], details: { x: 1 } }),
    );
  });

  it('passes results and issue-less errors through untouched', () => {
    expect(underPath('/a', () => 42)).toBe(42);
    const bare = new DomainError('order.empty', 'empty');
    expect(() => underPath('/a', () => { throw bare; })).toThrow(bare);
    expect(() => underPath('/a', () => { throw invalid('/q', 'bad'); })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: '/a/q' })] }),
    );
  });
});

describe('underPath with an issue-less refusal', () => {
  it('rethrows the very same error (nothing to re-root)', () => {
    const bare = new DomainError('order.empty', 'empty', [], { orderId: 'o' });
    let thrown: unknown;
    try {
      underPath('/a', () => {
        throw bare;
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(bare);
  });
});
