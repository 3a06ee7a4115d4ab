import { DomainError } from '../../domain/shared/domain-error.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { SecretTokens } from '../ports/secret-tokens.port.js';
import type { TransactionContext } from '../ports/unit-of-work.port.js';
import type { TokenService } from '../ports/token-service.port.js';

/** What a login or a refresh hands out: a short-lived access token and the refresh token that replaces it. */
export interface SessionTokens {
  accessToken: string;
  expiresInSeconds: number;
  refreshToken: string;
}

/** What the session use cases share: the token services, the clock and the refresh tokens' lifetime. */
export interface SessionDeps {
  tokens: TokenService;
  secrets: SecretTokens;
  clock: Clock;
  ids: IdGenerator;
  refreshTtlSeconds: number;
}

/** One answer for every refresh token that does not work, so none reveals why. */
export const invalidRefreshToken = (): DomainError =>
  new DomainError('auth.invalid_refresh_token', 'the refresh token is unknown, expired, revoked or already used');

/**
 * Ends every session of a user, inside the change that ends them (password change or reset,
 * deactivation): refresh tokens revoked, reset tokens voided. Access tokens issued earlier are
 * refused by the user's `sessionsValidAfter`, which the caller's change sets.
 */
export const endAllSessions = async (tx: TransactionContext, userId: string, now: Date): Promise<void> => {
  await tx.refreshTokens.revokeAllOf(userId, now);
  await tx.resetTokens.voidAllOf(userId, now);
};
