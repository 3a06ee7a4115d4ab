export interface BackoffPolicy {
  /** The ceiling of the first retry's delay; it doubles with every attempt… */
  readonly baseMs: number;
  /** …up to this cap. */
  readonly maxMs: number;
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(max, base·2^(attempt−1))).
 * The jitter spreads retries of events that failed together (a mail-server outage),
 * so they do not all hit the server again at the same instant.
 */
export const retryDelayMs = (attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number => {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
};
