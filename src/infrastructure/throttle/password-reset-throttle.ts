import type { AttemptStore } from './attempt.store.js';
import { ALLOWED, refused, type ThrottleDecision } from './throttle-decision.js';
import { accountHash } from './account-hash.js';

export interface PasswordResetThrottlePolicy {
  /** Requests per client address per window; 0 turns this limit off. */
  perAddress: { limit: number; windowMs: number };
  /** Requests per email address (existing or not, so the answer reveals nothing) per window. */
  perAccount: { limit: number; windowMs: number };
}

export const PASSWORD_RESET_ADDRESS_WINDOW_MS = 15 * 60_000;

/** The per-account limit docs/sessions.md states: a few emails an hour is plenty for an owner, little for a mail bomber. */
export const PASSWORD_RESET_ACCOUNT_LIMIT = { limit: 3, windowMs: 60 * 60_000 };


/**
 * Reset requests, counted atomically before anything is looked up: each one may
 * send an email, so a flood would mail an owner (per account) or strangers (per address).
 */
export class PasswordResetThrottle {
  constructor(
    private readonly store: AttemptStore,
    private readonly policy: PasswordResetThrottlePolicy,
  ) {}

  async admit(email: string, address: string): Promise<ThrottleDecision> {
    const { perAddress, perAccount } = this.policy;
    if (perAddress.limit > 0) {
      const a = await this.store.hit(`reset:ip:${address}`, perAddress.windowMs);
      if (a.count > perAddress.limit) return refused(a.resetInMs);
    }
    const c = await this.store.hit(`reset:acct:${accountHash(email)}`, perAccount.windowMs);
    return c.count > perAccount.limit ? refused(c.resetInMs) : ALLOWED;
  }
}
