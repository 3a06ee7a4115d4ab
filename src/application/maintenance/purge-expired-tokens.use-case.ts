import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

export interface PurgedTokens {
  refreshTokens: number;
  resetTokens: number;
}

/**
 * Deletes refresh and password-reset tokens past their expiry: an expired token is refused
 * whatever its row says, so this only bounds the tables. Tokens still valid stay, used ones
 * included, so a replayed refresh token is still recognised (and its family revoked) until it expires.
 */
export class PurgeExpiredTokens {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(): Promise<PurgedTokens> {
    const now = this.deps.clock.now();
    return this.deps.uow.run(async (tx) => ({
      refreshTokens: await tx.refreshTokens.deleteExpiredBefore(now),
      resetTokens: await tx.resetTokens.deleteExpiredBefore(now),
    }));
  }
}
