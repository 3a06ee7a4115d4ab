/** A throttle's answer: go ahead, or come back in `retryAfterSeconds` (a whole number, at least 1). */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const ALLOWED: ThrottleDecision = { allowed: true };

export const refused = (resetInMs: number): ThrottleDecision => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)) });
