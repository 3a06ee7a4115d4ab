import type { Clock } from '../../domain/shared/clock.port.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toUserDto, type UserDto } from './user.dto.js';
import { assertCanSeeUser, loadUser } from './user-access.js';

/** Users are deactivated, never deleted; their tokens stop working on the next request. */
export class DeactivateUser {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: { actor: Actor; userId: string }): Promise<UserDto> {
    assertCanSeeUser(input.actor, input.userId);
    return this.deps.uow.run(async (tx) => {
      const user = await loadUser(tx.users, input.userId);
      user.deactivate(this.deps.clock.now());
      await tx.users.update(user);
      return toUserDto(user);
    });
  }
}
