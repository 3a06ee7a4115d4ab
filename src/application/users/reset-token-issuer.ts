import type { Clock } from '../../domain/shared/clock.port.js';
import { Email } from '../../domain/users/email.value-object.js';
import { PasswordResetToken } from '../../domain/users/password-reset-token.js';
import type { SecretTokens } from '../ports/secret-tokens.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

export interface IssuedResetToken {
  /** The account's current address. */
  email: string;
  token: string;
  expiresAt: string;
}

/**
 * Makes the reset token when a PasswordResetRequested event is delivered: only an
 * active account gets one; it voids the account's older tokens and is stored hashed.
 * A redelivered event makes a new token (voiding the one in the lost email).
 */
export class ResetTokenIssuer {
  constructor(private readonly deps: { uow: UnitOfWork; secrets: SecretTokens; clock: Clock }) {}

  async issueFor(address: string): Promise<IssuedResetToken | null> {
    const email = Email.restore(address);
    const token = this.deps.secrets.generate();
    return this.deps.uow.run(async (tx) => {
      const user = await tx.users.findByEmail(email);
      if (!user?.isActive) return null;
      const now = this.deps.clock.now();
      await tx.resetTokens.voidAllOf(user.id, now);
      const issued = PasswordResetToken.issue({ tokenHash: this.deps.secrets.hash(token), userId: user.id, now });
      await tx.resetTokens.insert(issued);
      return { email: user.email.value, token, expiresAt: issued.props.expiresAt.toISOString() };
    });
  }
}
