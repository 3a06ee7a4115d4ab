import type { SecretTokens } from '../ports/secret-tokens.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { invalidRefreshToken } from './session-tokens.js';

/** Ends the session a refresh token belongs to: every token of its family stops working. */
export class LogOut {
  constructor(private readonly deps: { uow: UnitOfWork; secrets: SecretTokens; clock: Clock }) {}

  async execute(input: { refreshToken: string }): Promise<void> {
    const hash = this.deps.secrets.hash(input.refreshToken);
    const known = await this.deps.uow.run(async (tx) => {
      const token = await tx.refreshTokens.findByHash(hash);
      if (!token) return false;
      await tx.refreshTokens.revokeFamily(token.familyId, this.deps.clock.now());
      return true;
    });
    if (!known) throw invalidRefreshToken();
  }
}
