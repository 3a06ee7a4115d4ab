import type { Clock } from '../../domain/shared/clock.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { assertPasswordPolicy } from '../../domain/users/password-policy.js';
import type { Actor } from '../shared/actor.js';
import type { PasswordHasher } from '../ports/password-hasher.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { endAllSessions } from './session-tokens.js';
import { loadUser } from './user-access.js';

const wrongPassword = () => new DomainError('auth.wrong_password', 'the current password is wrong');

/**
 * The caller changes their own password, proving they know the current one. Every
 * session ends (refresh tokens revoked, earlier access tokens refused) and the owner
 * is told by email, in the same transaction.
 */
export class ChangePassword {
  constructor(private readonly deps: { uow: UnitOfWork; hasher: PasswordHasher; clock: Clock }) {}

  async execute(input: { actor: Actor; currentPassword: string; newPassword: string }): Promise<void> {
    assertPasswordPolicy(input.newPassword, '/newPassword');
    const user = await this.deps.uow.read((tx) => loadUser(tx.users, input.actor.userId));
    if (!(await this.deps.hasher.verify(user.passwordHash, input.currentPassword))) throw wrongPassword();
    // Hash outside the transaction: it is slow and needs no lock.
    const passwordHash = await this.deps.hasher.hash(input.newPassword);
    await this.deps.uow.run(async (tx) => {
      const fresh = await loadUser(tx.users, input.actor.userId);
      // The password checked above may have been replaced meanwhile (a reset): it proves nothing now.
      if (fresh.passwordHash !== user.passwordHash) throw wrongPassword();
      const now = this.deps.clock.now();
      fresh.changePassword(passwordHash, now, 'changed');
      await tx.users.update(fresh);
      await endAllSessions(tx, fresh.id, now);
      await tx.outbox.add(fresh.pullEvents());
    });
  }
}
