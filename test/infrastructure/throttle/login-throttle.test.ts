import { describe, expect, it } from 'vitest';
import { InProcessAttemptStore } from '../../../src/infrastructure/throttle/in-process-attempt.store.js';
import { DEFAULT_LOGIN_POLICY, LoginThrottle } from '../../../src/infrastructure/throttle/login-throttle.js';
import type { ThrottleDecision } from '../../../src/infrastructure/throttle/throttle-decision.js';

const MIN = 60_000;

const setup = () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const store = new InProcessAttemptStore(() => now);
  return { throttle: new LoginThrottle(store), advance: (ms: number) => (now += ms) };
};

const allowed = (ds: ThrottleDecision[]) => ds.filter((d) => d.allowed).length;
const retryAfter = (d: ThrottleDecision) => (d.allowed ? 0 : d.retryAfterSeconds);

describe('LoginThrottle (default policy)', () => {
  it('states the contract: 10 per account', () => {
    expect(DEFAULT_LOGIN_POLICY.perAccount.limit).toBe(10);
  });

  it('of 60 parallel attempts on one account from one address, exactly 10 are admitted', async () => {
    const { throttle } = setup();
    const ds = await Promise.all(Array.from({ length: 60 }, () => throttle.admit('victim@example.com', '203.0.113.1')));
    expect(allowed(ds)).toBe(10);
    expect(ds.filter((d) => !d.allowed).every((d) => retryAfter(d) >= 1)).toBe(true);
  });

  it('of 60 parallel attempts on one account from 60 addresses, exactly 10 are admitted (the account counts)', async () => {
    const { throttle } = setup();
    const ds = await Promise.all(Array.from({ length: 60 }, (_, i) => throttle.admit('Victim@Example.com ', `198.51.100.${i}`)));
    expect(allowed(ds)).toBe(10);
  });

  it('once a burst is past the limit, a right password checked meanwhile gets no token', async () => {
    const { throttle } = setup();
    expect((await throttle.admit('v@example.com', '203.0.113.1')).allowed).toBe(true);
    expect((await throttle.mayIssueToken('v@example.com')).allowed).toBe(true);
    await Promise.all(Array.from({ length: 20 }, () => throttle.admit('v@example.com', '203.0.113.2')));
    expect((await throttle.mayIssueToken('v@example.com')).allowed).toBe(false);
  });

  it("the account's lock doubles with each burst (1, 2, 4 min) and stops at 5 min", async () => {
    const { throttle, advance } = setup();
    const locks: number[] = [];
    for (let round = 0; round < 5; round++) {
      // A fresh address each round, so only the account counter is in play.
      const ds = await Promise.all(Array.from({ length: 11 }, () => throttle.admit('v@example.com', `198.51.100.${round}`)));
      expect(allowed(ds)).toBe(10);
      const lock = retryAfter(ds.find((d) => !d.allowed)!);
      locks.push(lock);
      advance(lock * 1000);
    }
    expect(locks).toEqual([60, 120, 240, 300, 300]);
  });

  it("the owner, from an address that has not failed, gets in once the cap has passed, however long the attack", async () => {
    const { throttle, advance } = setup();
    for (let round = 0; round < 8; round++) {
      await Promise.all(Array.from({ length: 60 }, (_, i) => throttle.admit('owner@example.com', `198.51.100.${i}`)));
      advance(DEFAULT_LOGIN_POLICY.accountLock.lockMaxMs);
    }
    await Promise.all(Array.from({ length: 60 }, (_, i) => throttle.admit('owner@example.com', `198.51.100.${i}`)));
    expect((await throttle.admit('owner@example.com', '192.0.2.7')).allowed).toBe(false);
    advance(DEFAULT_LOGIN_POLICY.accountLock.lockMaxMs + 1);
    expect((await throttle.admit('owner@example.com', '192.0.2.7')).allowed).toBe(true);
    expect((await throttle.mayIssueToken('owner@example.com')).allowed).toBe(true);
  });

  it('one address guessing one account slowly (under the account limit) is stopped by the pair limit; other addresses are not', async () => {
    const { throttle, advance } = setup();
    const ds: ThrottleDecision[] = [];
    for (let i = 0; i < 11; i++) {
      ds.push(await throttle.admit('v@example.com', '203.0.113.9'));
      advance(MIN / 2); // 2 per minute: never 10 in an account window
    }
    expect(ds.slice(0, 10).every((d) => d.allowed)).toBe(true);
    expect(ds[10]!.allowed).toBe(false);
    expect(retryAfter(ds[10]!)).toBeLessThanOrEqual(15 * 60);
    expect((await throttle.admit('v@example.com', '192.0.2.7')).allowed).toBe(true);
  });

  it('a sprayer on many accounts from one address is stopped past 100; another address is not, and the refused attempt is not left on the account', async () => {
    const { throttle } = setup();
    for (let i = 0; i < 100; i++) expect((await throttle.admit(`user${i}@example.com`, '203.0.113.5')).allowed).toBe(true);
    expect((await throttle.admit('user100@example.com', '203.0.113.5')).allowed).toBe(false);
    expect((await throttle.admit('user100@example.com', '192.0.2.7')).allowed).toBe(true);
    // user100 has one counted attempt (from 192.0.2.7): 9 more are admitted, not 8.
    const ds = await Promise.all(Array.from({ length: 10 }, (_, i) => throttle.admit('user100@example.com', `198.51.100.${i}`)));
    expect(allowed(ds)).toBe(9);
  });

  it("a success clears the owner's own address: typos followed by a right password never add up to the pair limit", async () => {
    const { throttle, advance } = setup();
    for (let round = 0; round < 30; round++) {
      for (let typo = 0; typo < 3; typo++) expect((await throttle.admit('me@example.com', '203.0.113.3')).allowed).toBe(true);
      expect((await throttle.admit('me@example.com', '203.0.113.3')).allowed).toBe(true);
      await throttle.succeeded('me@example.com', '203.0.113.3');
      advance(MIN);
    }
  });

  it('a success gives its attempt back to the account and the address', async () => {
    const { throttle } = setup();
    for (let i = 0; i < 50; i++) {
      expect((await throttle.admit('me@example.com', '203.0.113.3')).allowed).toBe(true);
      await throttle.succeeded('me@example.com', '203.0.113.3');
    }
  });

  it('a spray refused by its address leaves no counters behind (memory stays bounded on one node)', async () => {
    const store = new InProcessAttemptStore(() => Date.parse('2026-01-01T00:00:00Z'));
    const throttle = new LoginThrottle(store, { ...DEFAULT_LOGIN_POLICY, perAddress: { limit: 2, windowMs: 15 * MIN } });
    for (let i = 0; i < 2; i++) expect((await throttle.admit(`user${i}@example.com`, '203.0.113.9')).allowed).toBe(true);
    const keysBefore = store.size;
    // Each refused attempt names a new account: its account and pair counters were given back to zero.
    for (let i = 0; i < 1000; i++) expect((await throttle.admit(`spray${i}@example.com`, '203.0.113.9')).allowed).toBe(false);
    expect(store.size).toBe(keysBefore);
  });
});
