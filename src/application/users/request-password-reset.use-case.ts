import type { Clock } from '../../domain/shared/clock.port.js';
import { Email } from '../../domain/users/email.value-object.js';
import type { PasswordResetRequested } from '../../domain/users/password-reset-token.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

/**
 * Starts a password reset. The caller learns nothing, not even from the time the
 * answer takes: whatever the address, the request does exactly one thing — it writes
 * a PasswordResetRequested event to the outbox. Looking the address up, making the
 * token and sending it to an active account happen on delivery (ResetTokenIssuer).
 */
export class RequestPasswordReset {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  async execute(input: { email: string }): Promise<void> {
    const email = Email.parse(input.email);
    const event: PasswordResetRequested = { type: 'PasswordResetRequested', occurredAt: this.deps.clock.now(), aggregateId: email.normalized, payload: { email: email.value } };
    await this.deps.uow.run((tx) => tx.outbox.add([event]));
  }
}
