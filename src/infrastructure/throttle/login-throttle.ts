import type { AttemptStore } from './attempt.store.js';
import { ALLOWED, refused, type ThrottleDecision } from './throttle-decision.js';
import { accountHash } from './account-hash.js';

export interface LoginThrottlePolicy {
  /** Any address guessing one account: a short window, so a stranger's guesses cost the owner little. */
  perAccount: { limit: number; windowMs: number };
  /** Past the account limit, the account waits lockBaseMs, doubled on each further excess (remembered strikeMemoryMs), at most lockMaxMs. */
  accountLock: { lockBaseMs: number; lockMaxMs: number; strikeMemoryMs: number };
  /** One address guessing one account: a long window, since only that address waits. */
  perPair: { limit: number; windowMs: number };
  /** One address across all accounts (a sprayer): generous, since a whole NAT shares it. */
  perAddress: { limit: number; windowMs: number };
}

/** The policy docs/security.md states; change both together. The account limit of 10 is the API contract's. */
export const DEFAULT_LOGIN_POLICY: LoginThrottlePolicy = {
  perAccount: { limit: 10, windowMs: 60_000 },
  accountLock: { lockBaseMs: 60_000, lockMaxMs: 5 * 60_000, strikeMemoryMs: 60 * 60_000 },
  perPair: { limit: 10, windowMs: 15 * 60_000 },
  perAddress: { limit: 100, windowMs: 15 * 60_000 },
};


interface Keys {
  account: string;
  strikes: string;
  pair: string;
  address: string;
}

const accountKey = (id: string) => `login:acct:${id}`;

const keysOf = (account: string, address: string): Keys => {
  const a = accountHash(account);
  return { account: accountKey(a), strikes: `login:strikes:${a}`, pair: `login:pair:${a}:${address}`, address: `login:ip:${address}` };
};

/**
 * Login throttling. Every attempt is counted before its password is checked, in
 * one atomic step per counter, so parallel guesses cannot outrun the limits; a
 * login that succeeds gives its attempt back. Counters are taken in turn (account,
 * pair, address) and an attempt refused by one is not left on the others.
 */
export class LoginThrottle {
  constructor(
    private readonly store: AttemptStore,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_POLICY,
  ) {}

  /** Before the password is checked: counts this attempt, or refuses it. */
  async admit(account: string, address: string): Promise<ThrottleDecision> {
    const keys = keysOf(account, address);
    const { perAccount, perPair, perAddress } = this.policy;

    const acct = await this.store.hit(keys.account, perAccount.windowMs);
    if (acct.count > perAccount.limit) {
      // Exactly one attempt sees limit + 1 (the count is atomic): that one lengthens the lock.
      const resetInMs = acct.count === perAccount.limit + 1 ? await this.lockAccount(keys) : acct.resetInMs;
      return refused(resetInMs);
    }
    const pair = await this.store.hit(keys.pair, perPair.windowMs);
    if (pair.count > perPair.limit) {
      await this.store.giveBack(keys.account);
      return refused(pair.resetInMs);
    }
    const addr = await this.store.hit(keys.address, perAddress.windowMs);
    if (addr.count > perAddress.limit) {
      await Promise.all([this.store.giveBack(keys.account), this.store.giveBack(keys.pair)]);
      return refused(addr.resetInMs);
    }
    return ALLOWED;
  }

  /**
   * After a right password, before a token is handed out: if a burst pushed the
   * account past its limit while this password was being checked, the burst gets no token.
   */
  async mayIssueToken(account: string): Promise<ThrottleDecision> {
    const acct = await this.store.peek(accountKey(accountHash(account)));
    return acct.count > this.policy.perAccount.limit ? refused(acct.resetInMs) : ALLOWED;
  }

  /** A login succeeded: its attempt was the owner's, not a guess. */
  async succeeded(account: string, address: string): Promise<void> {
    const keys = keysOf(account, address);
    await Promise.all([this.store.giveBack(keys.account), this.store.reset(keys.pair), this.store.giveBack(keys.address)]);
  }

  private async lockAccount(keys: Keys): Promise<number> {
    const { lockBaseMs, lockMaxMs, strikeMemoryMs } = this.policy.accountLock;
    const strikes = (await this.store.hit(keys.strikes, strikeMemoryMs)).count;
    await this.store.extend(keys.strikes, strikeMemoryMs);
    const lockMs = Math.min(lockMaxMs, lockBaseMs * 2 ** Math.min(strikes - 1, 30));
    await this.store.extend(keys.account, lockMs);
    return lockMs;
  }
}
