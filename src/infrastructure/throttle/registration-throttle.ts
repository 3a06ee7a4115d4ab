import type { AttemptStore } from './attempt.store.js';
import { ALLOWED, refused, type ThrottleDecision } from './throttle-decision.js';

export interface RegistrationThrottlePolicy {
  /** Registrations allowed per client address per window; 0 turns the throttle off. */
  perAddress: number;
  windowMs: number;
}

export const REGISTRATION_WINDOW_MS = 15 * 60_000;

/**
 * Registrations per client address, counted atomically before the account is
 * created: every registration sends an email, so a flood would mail strangers.
 */
export class RegistrationThrottle {
  constructor(
    private readonly store: AttemptStore,
    private readonly policy: RegistrationThrottlePolicy,
  ) {}

  async admit(address: string): Promise<ThrottleDecision> {
    if (this.policy.perAddress === 0) return ALLOWED;
    const r = await this.store.hit(`register:ip:${address}`, this.policy.windowMs);
    return r.count > this.policy.perAddress ? refused(r.resetInMs) : ALLOWED;
  }
}
