import type { Clock } from '../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import { Email } from '../../domain/users/email.value-object.js';
import { assertPasswordPolicy } from '../../domain/users/password-policy.js';
import type { Role } from '../../domain/users/role.js';
import { emailTaken, User } from '../../domain/users/user.entity.js';
import type { PasswordHasher } from '../ports/password-hasher.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toUserDto, type UserDto } from './user.dto.js';

export interface RegisterAccountDeps {
  uow: UnitOfWork;
  hasher: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
}

export interface AccountInput {
  email: string;
  password: string;
}

/**
 * The one way an account comes to exist, whatever its role (RegisterUser: customers over HTTP;
 * CreateAdmin: admins from the CLI). The welcome email is an event in the outbox, written in
 * the same transaction as the user: no email for a rollback, and a slow mail server never
 * slows registration.
 */
export const registerAccount = async (deps: RegisterAccountDeps, input: AccountInput, role: Role): Promise<UserDto> => {
  const email = Email.parse(input.email);
  assertPasswordPolicy(input.password);
  // Hash outside the transaction: it is slow and needs no lock.
  const passwordHash = await deps.hasher.hash(input.password);
  return deps.uow.run(async (tx) => {
    if (await tx.users.findByEmail(email)) throw emailTaken();
    const user = User.register({ id: deps.ids.next(), email, passwordHash, role, now: deps.clock.now() });
    await tx.users.insert(user);
    await tx.outbox.add(user.pullEvents());
    return toUserDto(user);
  });
};
