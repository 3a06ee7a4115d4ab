import { DomainError } from '../../domain/shared/domain-error.js';
import { isAdmin, type Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toUserDto, type UserDto } from './user.dto.js';

export const userNotFound = () => new DomainError('user.not_found', 'no such user');

/** A user sees itself; an admin sees anyone; anyone else gets 404, so ids are not probed. */
export const canSeeUser = (actor: Actor, userId: string): boolean => actor.userId === userId || isAdmin(actor);

export class GetUser {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: { actor: Actor; userId: string }): Promise<UserDto> {
    if (!canSeeUser(input.actor, input.userId)) throw userNotFound();
    const user = await this.deps.uow.read((tx) => tx.users.findById(input.userId));
    if (!user) throw userNotFound();
    return toUserDto(user);
  }
}
