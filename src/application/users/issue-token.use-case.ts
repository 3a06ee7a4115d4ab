import { DomainError } from '../../domain/shared/domain-error.js';
import { Email } from '../../domain/users/email.value-object.js';
import type { PasswordHasher } from '../ports/password-hasher.port.js';
import type { TokenService } from '../ports/token-service.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

export interface IssueTokenInput {
  email: string;
  password: string;
}

export interface IssueTokenOutput {
  accessToken: string;
  expiresInSeconds: number;
}

const wrongCredentials = () => new DomainError('auth.invalid_credentials', 'wrong email or password');

/**
 * Logs a user in. An unknown email and a wrong password get the same answer in about
 * the same time: an unknown email is still verified, against a dummy hash.
 */
export class IssueToken {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: { uow: UnitOfWork; hasher: PasswordHasher; tokens: TokenService }) {}

  async execute(input: IssueTokenInput): Promise<IssueTokenOutput> {
    let email: Email;
    try {
      email = Email.parse(input.email);
    } catch {
      await this.burnDummyVerify(input.password);
      throw wrongCredentials();
    }
    const user = await this.deps.uow.read((tx) => tx.users.findByEmail(email));
    if (!user) {
      await this.burnDummyVerify(input.password);
      throw wrongCredentials();
    }
    if (!(await this.deps.hasher.verify(user.passwordHash, input.password))) throw wrongCredentials();
    if (!user.isActive) throw new DomainError('user.inactive', 'this account is deactivated');
    return this.deps.tokens.issue(user.id);
  }

  private async burnDummyVerify(password: string): Promise<void> {
    // Stryker disable next-line StringLiteral: any dummy password costs the same verification.
    this.dummyHash ??= this.deps.hasher.hash('dummy-password-for-timing');
    await this.deps.hasher.verify(await this.dummyHash, password);
  }
}
