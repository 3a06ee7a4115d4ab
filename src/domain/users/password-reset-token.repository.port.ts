import type { PasswordResetToken } from './password-reset-token.js';

/** Password reset tokens, by hash. Never commits. */
export interface PasswordResetTokenRepository {
  insert(token: PasswordResetToken): Promise<void>;
  findByHash(tokenHash: string): Promise<PasswordResetToken | null>;
  /**
   * Marks the token used if it is unused, not expired at `now` and the user's newest
   * unused one (by creation time, then hash), atomically: true for exactly one caller. "Newest
   * only" keeps one token usable even when two requests were delivered at once.
   */
  consume(tokenHash: string, now: Date): Promise<boolean>;
  /** Voids every unused token of the user (a newer request, or the password changed). */
  voidAllOf(userId: string, now: Date): Promise<void>;
  /** Deletes the tokens that expired before `cutoff`, used or not; returns how many. */
  deleteExpiredBefore(cutoff: Date): Promise<number>;
}
