import type { Clock } from '../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import { Email } from '../../domain/users/email.value-object.js';
import { assertPasswordPolicy } from '../../domain/users/password-policy.js';
import type { Role } from '../../domain/users/role.js';
import { emailTaken, User } from '../../domain/users/user.entity.js';
import type { PasswordHasher } from '../ports/password-hasher.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toUserDto, type UserDto } from './user.dto.js';

export interface RegisterUserInput {
  email: string;
  password: string;
}

/**
 * Registers a customer (or, from the CLI only, an admin). The welcome email is an
 * event in the outbox, written in the same transaction as the user: no email for a
 * rollback, and a slow mail server never slows registration.
 */
export class RegisterUser {
  constructor(
    private readonly deps: { uow: UnitOfWork; hasher: PasswordHasher; clock: Clock; ids: IdGenerator },
  ) {}

  async execute(input: RegisterUserInput, role: Role = 'customer'): Promise<UserDto> {
    const email = Email.parse(input.email);
    assertPasswordPolicy(input.password);
    // Hash outside the transaction: it is slow and needs no lock.
    const passwordHash = await this.deps.hasher.hash(input.password);
    return this.deps.uow.run(async (tx) => {
      if (await tx.users.findByEmail(email)) throw emailTaken();
      const user = User.register({ id: this.deps.ids.next(), email, passwordHash, role, now: this.deps.clock.now() });
      await tx.users.insert(user);
      await tx.outbox.add(user.pullEvents());
      return toUserDto(user);
    });
  }
}
