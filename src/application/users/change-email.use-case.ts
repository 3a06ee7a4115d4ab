import type { Clock } from '../../domain/shared/clock.port.js';
import { Email } from '../../domain/users/email.value-object.js';
import { emailTaken } from '../../domain/users/user.entity.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toUserDto, type UserDto } from './user.dto.js';
import { loadUser } from './user-access.js';

export class ChangeEmail {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: { actor: Actor; email: string }): Promise<UserDto> {
    const email = Email.parse(input.email);
    return this.deps.uow.run(async (tx) => {
      const user = await loadUser(tx.users, input.actor.userId);
      const holder = await tx.users.findByEmail(email);
      if (holder && holder.id !== user.id) throw emailTaken();
      user.changeEmail(email, this.deps.clock.now());
      await tx.users.update(user);
      return toUserDto(user);
    });
  }
}
