import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { invalidRefreshToken, type SessionDeps, type SessionTokens } from './session-tokens.js';

/**
 * The refresh grant: trades a refresh token for a new access token and a new
 * refresh token of the same family. A token is single use; one presented again
 * (used or revoked) is taken as stolen: the refusal revokes its whole family, and
 * that revocation is committed although the request fails.
 */
export class RefreshSession {
  constructor(private readonly deps: SessionDeps & { uow: UnitOfWork }) {}

  async execute(input: { refreshToken: string }): Promise<SessionTokens> {
    const { secrets, clock } = this.deps;
    const presented = secrets.hash(input.refreshToken);
    const next = secrets.generate();
    const outcome = await this.deps.uow.run(async (tx) => {
      const now = clock.now();
      const token = await tx.refreshTokens.findByHash(presented);
      if (!token) return 'refused' as const;
      const state = token.state(now);
      // Stryker disable next-line ConditionalExpression: an expired token is its family's newest (a used one reads as used), so revoking that family changes nothing.
      if (state === 'expired') return 'refused' as const;
      // Of two requests racing with one token, exactly one marks it used; the other is a replay.
      if (state !== 'usable' || !(await tx.refreshTokens.markUsed(presented, now))) {
        await tx.refreshTokens.revokeFamily(token.familyId, now);
        return 'refused' as const;
      }
      const user = await tx.users.findById(token.userId);
      if (!user || !user.acceptsSessionStartedAt(token.sessionStartedAt)) {
        await tx.refreshTokens.revokeFamily(token.familyId, now);
        return 'refused' as const;
      }
      await tx.refreshTokens.insert(token.successor({ tokenHash: secrets.hash(next), now, ttlSeconds: this.deps.refreshTtlSeconds }));
      return { userId: user.id };
    });
    if (outcome === 'refused') throw invalidRefreshToken();
    const access = await this.deps.tokens.issue(outcome.userId);
    return { ...access, refreshToken: next };
  }
}
