import { DomainError } from '../../domain/shared/domain-error.js';
import type { User } from '../../domain/users/user.entity.js';
import type { UserRepository } from '../../domain/users/user.repository.port.js';
import { type Actor, isAdmin } from '../shared/actor.js';

/*
 * Who may see a user. Another user's account answers exactly like a missing one,
 * so ids cannot be probed; only an admin learns that an account exists.
 */

const userNotFound = (): DomainError => new DomainError('user.not_found', 'no such user');

/** A user sees itself; an admin sees anyone; checked before any read, so a refusal costs no query. */
export const assertCanSeeUser = (actor: Actor, userId: string): void => {
  if (actor.userId !== userId && !isAdmin(actor)) throw userNotFound();
};

/** The user, or `user.not_found` when it is missing. */
export const loadUser = async (users: UserRepository, userId: string): Promise<User> => {
  const user = await users.findById(userId);
  if (!user) throw userNotFound();
  return user;
};
