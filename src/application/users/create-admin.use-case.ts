import { registerAccount, type AccountInput, type RegisterAccountDeps } from './register-account.js';
import type { UserDto } from './user.dto.js';

export type CreateAdminInput = AccountInput;

/**
 * Creates an admin: the operator's act (`cli create-admin`, `cli seed-demo`), never reachable over
 * HTTP. Same rules as a customer's registration: a valid, unused email and the password policy.
 */
export class CreateAdmin {
  constructor(private readonly deps: RegisterAccountDeps) {}

  async execute(input: CreateAdminInput): Promise<UserDto> {
    return registerAccount(this.deps, input, 'admin');
  }
}
