import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toUserDto, type UserDto } from './user.dto.js';
import { assertCanSeeUser, loadUser } from './user-access.js';

export class GetUser {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: { actor: Actor; userId: string }): Promise<UserDto> {
    assertCanSeeUser(input.actor, input.userId);
    const user = await this.deps.uow.read((tx) => loadUser(tx.users, input.userId));
    return toUserDto(user);
  }
}
