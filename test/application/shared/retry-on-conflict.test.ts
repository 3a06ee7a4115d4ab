import { describe, expect, it } from 'vitest';
import { retryOnConflict } from '../../../src/application/shared/retry-on-conflict.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';

const failingTimes = (times: number, error: () => Error) => {
  let calls = 0;
  const attempt = async () => {
    calls += 1;
    if (calls <= times) throw error();
    return 'done';
  };
  return { attempt, calls: () => calls };
};

const conflict = () => new DomainError('order.concurrent_update', 'conflict');

describe('retryOnConflict', () => {
  it('returns the first success', async () => {
    const { attempt, calls } = failingTimes(0, conflict);
    await expect(retryOnConflict(attempt)).resolves.toBe('done');
    expect(calls()).toBe(1);
  });

  it('retries a conflict up to three times', async () => {
    const { attempt, calls } = failingTimes(3, conflict);
    await expect(retryOnConflict(attempt)).resolves.toBe('done');
    expect(calls()).toBe(4);
  });

  it('lets the conflict propagate after the third retry', async () => {
    const { attempt, calls } = failingTimes(4, conflict);
    await expect(retryOnConflict(attempt)).rejects.toMatchObject({ code: 'order.concurrent_update' });
    expect(calls()).toBe(4);
  });

  it('never retries any other error', async () => {
    const { attempt, calls } = failingTimes(1, () => new DomainError('order.version_mismatch', 'stale'));
    await expect(retryOnConflict(attempt)).rejects.toMatchObject({ code: 'order.version_mismatch' });
    expect(calls()).toBe(1);
  });
});
