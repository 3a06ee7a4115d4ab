import type { Clock } from '../../domain/shared/clock.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { type Actor, isAdmin } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toUserDto, type UserDto } from './user.dto.js';
import { loadUser } from './user-access.js';

/** An admin brings a deactivated account back; its old sessions stay ended (the user logs in again). */
export class ReactivateUser {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: { actor: Actor; userId: string }): Promise<UserDto> {
    if (!isAdmin(input.actor)) throw new DomainError('auth.forbidden', 'only an admin can reactivate a user');
    return this.deps.uow.run(async (tx) => {
      const user = await loadUser(tx.users, input.userId);
      user.reactivate(this.deps.clock.now());
      await tx.users.update(user);
      return toUserDto(user);
    });
  }
}
