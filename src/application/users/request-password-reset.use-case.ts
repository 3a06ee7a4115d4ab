import type { Clock } from '../../domain/shared/clock.port.js';
import type { DomainEvent } from '../../domain/shared/domain-event.js';
import { Email } from '../../domain/users/email.value-object.js';
import { PasswordResetToken } from '../../domain/users/password-reset-token.js';
import type { SecretTokens } from '../ports/secret-tokens.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

/** The reset email's event. It carries the token itself: the outbox is how every email leaves. */
export type PasswordResetRequested = DomainEvent<'PasswordResetRequested', { userId: string; email: string; token: string; expiresAt: string }>;

/**
 * Starts a password reset. The caller learns nothing: whether or not the address
 * belongs to an active account the same work is done (a token generated and hashed,
 * one transaction that looks the address up and voids older tokens) and the same
 * answer given; only an active account gets the token, by email, through the outbox.
 */
export class RequestPasswordReset {
  constructor(private readonly deps: { uow: UnitOfWork; secrets: SecretTokens; clock: Clock }) {}

  async execute(input: { email: string }): Promise<void> {
    const email = Email.parse(input.email);
    const token = this.deps.secrets.generate();
    const tokenHash = this.deps.secrets.hash(token);
    await this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const user = await tx.users.findByEmail(email);
      const owner = user?.isActive ? user : null;
      // Run for a missing owner too (it matches no row) so both paths cost the same statements.
      await tx.resetTokens.voidAllOf(owner?.id ?? '', now);
      if (!owner) return;
      const issued = PasswordResetToken.issue({ tokenHash, userId: owner.id, now });
      await tx.resetTokens.insert(issued);
      await tx.outbox.add([
        {
          type: 'PasswordResetRequested',
          occurredAt: now,
          aggregateId: owner.id,
          payload: { userId: owner.id, email: owner.email.value, token, expiresAt: issued.props.expiresAt.toISOString() },
        } satisfies PasswordResetRequested,
      ]);
    });
  }
}
