import { describe, expect, it } from 'vitest';
import { InProcessAttemptStore } from '../../../src/infrastructure/throttle/in-process-attempt.store.js';
import { RegistrationThrottle } from '../../../src/infrastructure/throttle/registration-throttle.js';

describe('RegistrationThrottle', () => {
  it('admits the limit per address per window, then refuses until the window ends', async () => {
    let now = 0;
    const throttle = new RegistrationThrottle(new InProcessAttemptStore(() => now), { perAddress: 3, windowMs: 900_000 });
    const ds = await Promise.all(Array.from({ length: 5 }, () => throttle.admit('203.0.113.1')));
    expect(ds.filter((d) => d.allowed)).toHaveLength(3);
    expect(ds[4]).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect((await throttle.admit('203.0.113.2')).allowed).toBe(true);
    now += 900_000;
    expect((await throttle.admit('203.0.113.1')).allowed).toBe(true);
  });

  it('is off at 0', async () => {
    const throttle = new RegistrationThrottle(new InProcessAttemptStore(), { perAddress: 0, windowMs: 900_000 });
    for (let i = 0; i < 50; i++) expect((await throttle.admit('203.0.113.1')).allowed).toBe(true);
  });
});
