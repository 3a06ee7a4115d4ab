import type { Role } from '../../domain/users/role.js';
import { registerAccount, type AccountInput, type RegisterAccountDeps } from './register-account.js';
import type { UserDto } from './user.dto.js';

export type RegisterUserInput = AccountInput;

/** Registers a customer (POST /users). Admins come from CreateAdmin; `role` stays for tests that seed one directly. */
export class RegisterUser {
  constructor(private readonly deps: RegisterAccountDeps) {}

  async execute(input: RegisterUserInput, role: Role = 'customer'): Promise<UserDto> {
    return registerAccount(this.deps, input, role);
  }
}
