import type { Clock } from '../../domain/shared/clock.port.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { canSeeUser, userNotFound } from './get-user.use-case.js';
import { toUserDto, type UserDto } from './user.dto.js';

/** Users are deactivated, never deleted; their tokens stop working on the next request. */
export class DeactivateUser {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: { actor: Actor; userId: string }): Promise<UserDto> {
    if (!canSeeUser(input.actor, input.userId)) throw userNotFound();
    return this.deps.uow.run(async (tx) => {
      const user = await tx.users.findById(input.userId);
      if (!user) throw userNotFound();
      user.deactivate(this.deps.clock.now());
      await tx.users.update(user);
      return toUserDto(user);
    });
  }
}
