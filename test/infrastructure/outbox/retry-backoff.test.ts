import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../src/infrastructure/outbox/retry-backoff.js';

const policy = { baseMs: 1_000, maxMs: 600_000 };

describe('retryDelayMs (exponential backoff, full jitter)', () => {
  it('stays below a ceiling that doubles per attempt from the base, up to the cap', () => {
    const justBelowOne = () => 0.999_999_9;
    expect(retryDelayMs(1, policy, justBelowOne)).toBe(999);
    expect(retryDelayMs(2, policy, justBelowOne)).toBe(1_999);
    expect(retryDelayMs(5, policy, justBelowOne)).toBe(15_999);
    expect(retryDelayMs(10, policy, justBelowOne)).toBe(511_999);
    expect(retryDelayMs(11, policy, justBelowOne)).toBe(599_999);
    expect(retryDelayMs(1_000, policy, justBelowOne)).toBe(599_999);
  });

  it('spreads delays over the whole range down to zero (full jitter)', () => {
    expect(retryDelayMs(4, policy, () => 0)).toBe(0);
    expect(retryDelayMs(4, policy, () => 0.5)).toBe(4_000);
  });

  it('is always a whole number of milliseconds in [0, min(cap, base·2^(attempt−1)))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (attempt, r, baseMs, extra) => {
          const p = { baseMs, maxMs: baseMs + extra };
          const delay = retryDelayMs(attempt, p, () => r);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.min(p.maxMs, baseMs * 2 ** (attempt - 1)));
        },
      ),
    );
  });
});
