import type { Clock } from '../../domain/shared/clock.port.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { endAllSessions } from './session-tokens.js';
import { toUserDto, type UserDto } from './user.dto.js';
import { assertCanSeeUser, loadUser } from './user-access.js';

/** Users are deactivated, never deleted; every session ends: refresh tokens revoked, reset tokens voided, access tokens refused on the next request. */
export class DeactivateUser {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: { actor: Actor; userId: string }): Promise<UserDto> {
    assertCanSeeUser(input.actor, input.userId);
    return this.deps.uow.run(async (tx) => {
      const user = await loadUser(tx.users, input.userId);
      const now = this.deps.clock.now();
      user.deactivate(now);
      await tx.users.update(user);
      await endAllSessions(tx, user.id, now);
      return toUserDto(user);
    });
  }
}
