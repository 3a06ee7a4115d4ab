import { DomainError } from '../../domain/shared/domain-error.js';
import { Email } from '../../domain/users/email.value-object.js';
import { RefreshToken } from '../../domain/users/refresh-token.js';
import type { PasswordHasher } from '../ports/password-hasher.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { SessionDeps, SessionTokens } from './session-tokens.js';

export interface IssueTokenInput {
  email: string;
  password: string;
  /**
   * Asked after the password checked out and before any token exists (the login
   * throttle's last word); false → no session is started and null is returned.
   */
  mayIssue?: () => Promise<boolean>;
}

export type IssueTokenOutput = SessionTokens;

const wrongCredentials = () => new DomainError('auth.invalid_credentials', 'wrong email or password');
const inactive = () => new DomainError('user.inactive', 'this account is deactivated');

/**
 * Logs a user in and starts a session: an access token and the first refresh token
 * of a new family. An unknown email and a wrong password get the same answer in
 * about the same time: an unknown email is still verified, against a dummy hash.
 */
export class IssueToken {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: SessionDeps & { uow: UnitOfWork; hasher: PasswordHasher }) {}

  async execute(input: IssueTokenInput): Promise<IssueTokenOutput | null> {
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
    if (!user.isActive) throw inactive();
    if (input.mayIssue && !(await input.mayIssue())) return null;

    const refreshToken = this.deps.secrets.generate();
    await this.deps.uow.run(async (tx) => {
      // The password was checked on a copy read before the slow verification: a change (or a
      // deactivation) committed meanwhile ended every session, so this one must not start.
      const fresh = await tx.users.findById(user.id);
      if (!fresh || fresh.passwordHash !== user.passwordHash) throw wrongCredentials();
      if (!fresh.isActive) throw inactive();
      const now = this.deps.clock.now();
      await tx.refreshTokens.insert(
        RefreshToken.startFamily({ tokenHash: this.deps.secrets.hash(refreshToken), familyId: this.deps.ids.next(), userId: user.id, now, ttlSeconds: this.deps.refreshTtlSeconds }),
      );
    });
    const access = await this.deps.tokens.issue(user.id);
    return { ...access, refreshToken };
  }

  private async burnDummyVerify(password: string): Promise<void> {
    // Stryker disable next-line StringLiteral: any dummy password costs the same verification.
    this.dummyHash ??= this.deps.hasher.hash('dummy-password-for-timing');
    await this.deps.hasher.verify(await this.dummyHash, password);
  }
}
