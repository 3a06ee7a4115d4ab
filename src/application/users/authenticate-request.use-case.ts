import { DomainError } from '../../domain/shared/domain-error.js';
import type { User } from '../../domain/users/user.entity.js';
import type { Actor } from '../shared/actor.js';
import type { TokenService } from '../ports/token-service.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

export interface AuthenticatedCaller {
  actor: Actor;
  user: User;
}

/**
 * Turns a bearer token into the caller. The user is read on every request, so a
 * deactivation, a password change or a role change applies at once on every node:
 * a token issued before the user's sessions were ended is refused.
 */
export class AuthenticateRequest {
  constructor(private readonly deps: { uow: UnitOfWork; tokens: TokenService }) {}

  async execute(token: string): Promise<AuthenticatedCaller> {
    const { userId, issuedAt } = await this.deps.tokens.verify(token);
    const user = await this.deps.uow.read((tx) => tx.users.findById(userId));
    if (!user || !user.acceptsSessionStartedAt(issuedAt)) throw new DomainError('auth.invalid_token', 'the access token is no longer valid');
    return { actor: { userId: user.id, role: user.role }, user };
  }
}
