import type { Clock } from '../../domain/shared/clock.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { assertPasswordPolicy } from '../../domain/users/password-policy.js';
import type { PasswordHasher } from '../ports/password-hasher.port.js';
import type { SecretTokens } from '../ports/secret-tokens.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { endAllSessions } from './session-tokens.js';

const invalidResetToken = (): DomainError =>
  new DomainError('auth.invalid_reset_token', 'the reset token is unknown, expired or already used', [{ path: '/token', message: 'is unknown, expired or already used' }]);

/**
 * Sets a new password with a reset token: single use, valid one hour, under the
 * registration policy. Like a password change it ends every session and tells the owner.
 */
export class ConfirmPasswordReset {
  constructor(private readonly deps: { uow: UnitOfWork; hasher: PasswordHasher; secrets: SecretTokens; clock: Clock }) {}

  async execute(input: { token: string; newPassword: string }): Promise<void> {
    assertPasswordPolicy(input.newPassword, '/newPassword');
    const tokenHash = this.deps.secrets.hash(input.token);
    const usable = await this.deps.uow.read(async (tx) => (await tx.resetTokens.findByHash(tokenHash))?.isUsable(this.deps.clock.now()) ?? false);
    if (!usable) throw invalidResetToken();
    // Hash outside the transaction: it is slow and needs no lock.
    const passwordHash = await this.deps.hasher.hash(input.newPassword);
    await this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const token = await tx.resetTokens.findByHash(tokenHash);
      // consume() is the atomic check: of two confirmations racing, one wins.
      if (!token || !(await tx.resetTokens.consume(tokenHash, now))) throw invalidResetToken();
      const user = await tx.users.findById(token.userId);
      if (!user || !user.isActive) throw invalidResetToken();
      user.changePassword(passwordHash, now, 'reset');
      await tx.users.update(user);
      await endAllSessions(tx, user.id, now);
      await tx.outbox.add(user.pullEvents());
    });
  }
}
