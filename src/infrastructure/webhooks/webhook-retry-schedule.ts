export interface WebhookRetryPolicy {
  /** The ceiling of the delay after the first failed attempt; it doubles with every failure… */
  readonly baseMs: number;
  /** …up to this cap. */
  readonly maxMs: number;
  /** A delivery still failing this long after its window started is given up (`failed`). */
  readonly giveUpAfterMs: number;
}

/**
 * The delay after the `failures`-th failed attempt: "equal jitter", a uniform delay in
 * [c/2, c) where c = min(max, base·2^(failures−1)). Half the ceiling is always waited (a
 * receiver that is down gets a real pause), the other half is random (receivers that failed
 * together are not all retried at the same instant). With the defaults (30 s, 1 h) the second
 * and third attempts come within 90 s of the first, later ones further apart, at most an hour.
 */
export const webhookRetryDelayMs = (failures: number, policy: WebhookRetryPolicy, random: () => number = Math.random): number => {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
};

/** When to try again after a failure at `now`, or null once the retry window is over. */
export const nextAttemptAt = (failures: number, windowStart: Date, now: Date, policy: WebhookRetryPolicy, random?: () => number): Date | null => {
  if (now.getTime() - windowStart.getTime() >= policy.giveUpAfterMs) return null;
  return new Date(now.getTime() + webhookRetryDelayMs(failures, policy, random));
};
