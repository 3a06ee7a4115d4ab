import type { RefreshToken } from './refresh-token.js';

/** Refresh tokens, by hash. Never commits: the use case's unit of work does. */
export interface RefreshTokenRepository {
  insert(token: RefreshToken): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshToken | null>;
  /**
   * Marks the token used if it is neither used nor revoked, in one atomic step: of two
   * requests racing with one token exactly one gets true (the other is a replay).
   */
  markUsed(tokenHash: string, now: Date): Promise<boolean>;
  /** Revokes every token of the family not revoked yet. */
  revokeFamily(familyId: string, now: Date): Promise<void>;
  /** Revokes every token of the user not revoked yet (password change, reset, deactivation). */
  revokeAllOf(userId: string, now: Date): Promise<void>;
  /** Deletes the tokens that expired before `cutoff` (they can never be used again); returns how many. */
  deleteExpiredBefore(cutoff: Date): Promise<number>;
}
