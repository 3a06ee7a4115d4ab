import type { OrderCancelled, OrderConfirmed, OrderShipped } from '../../domain/orders/order-events.js';
import type { DomainEvent } from '../../domain/shared/domain-event.js';
import type { PasswordChanged, UserRegistered } from '../../domain/users/user.entity.js';
import type { PasswordResetRequested } from '../../domain/users/password-reset-token.js';
import type { ResetTokenIssuer } from '../users/reset-token-issuer.js';
import { passwordChangedEmail } from './templates/password-changed.template.js';
import { passwordResetEmail } from './templates/password-reset.template.js';
import type { Mailer } from '../ports/mailer.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { orderCancellationEmail } from './templates/order-cancellation.template.js';
import { orderConfirmationEmail } from './templates/order-confirmation.template.js';
import { orderShippedEmail } from './templates/order-shipped.template.js';
import type { RenderedEmail } from './templates/rendered-email.js';
import { DEFAULT_SHOP, type ShopBranding } from './templates/shop-branding.js';
import { welcomeEmail } from './templates/welcome.template.js';

export interface DeliverEventInput {
  /** The outbox row id: the Message-ID is derived from it. */
  eventId: string;
  event: DomainEvent;
}

/** `skipped`: the event has no email (yet); the outbox may carry events other consumers care about. */
export type DeliverEventOutput = 'sent' | 'skipped';

/**
 * Turns one outbox event into its effect, an email. Called by the dispatcher, at
 * least once per event: the Message-ID is derived from the event id, so a re-send
 * after a crash is the same message to any mail system that deduplicates.
 */
export class DeliverEvent {
  constructor(private readonly deps: { uow: UnitOfWork; mailer: Mailer; messageIdDomain: string; shop?: ShopBranding; resetTokens?: ResetTokenIssuer }) {}

  private get shop(): ShopBranding {
    return this.deps.shop ?? DEFAULT_SHOP;
  }

  async execute(input: DeliverEventInput): Promise<DeliverEventOutput> {
    const mail = await this.render(input.event);
    if (!mail) return 'skipped';
    await this.deps.mailer.send({ ...mail.email, to: mail.to, messageId: `<${input.eventId}@${this.deps.messageIdDomain}>` });
    return 'sent';
  }

  private async render(event: DomainEvent): Promise<{ to: string; email: RenderedEmail } | null> {
    switch (event.type) {
      case 'UserRegistered': {
        const { payload } = event as UserRegistered;
        return { to: payload.email, email: welcomeEmail({ email: payload.email }, this.shop) };
      }
      case 'PasswordChanged': {
        const { payload } = event as PasswordChanged;
        return { to: payload.email, email: passwordChangedEmail(payload, this.shop) };
      }
      case 'PasswordResetRequested': {
        const { payload } = event as PasswordResetRequested;
        if (!this.deps.resetTokens) throw new Error('no reset token issuer wired: cannot deliver PasswordResetRequested');
        // No active account at that address: nothing to send, and the requester was never told either way.
        const issued = await this.deps.resetTokens.issueFor(payload.email);
        return issued ? { to: issued.email, email: passwordResetEmail(issued, this.shop) } : null;
      }
      case 'OrderConfirmed': {
        const { payload } = event as OrderConfirmed;
        return { to: await this.emailOf(payload.customerId), email: orderConfirmationEmail(payload, this.shop) };
      }
      case 'OrderCancelled': {
        const { payload } = event as OrderCancelled;
        return { to: await this.emailOf(payload.customerId), email: orderCancellationEmail(payload, this.shop) };
      }
      case 'OrderShipped': {
        const { payload } = event as OrderShipped;
        return { to: await this.emailOf(payload.customerId), email: orderShippedEmail(payload, this.shop) };
      }
      // OrderCreated and OrderDelivered are for webhooks and metrics: no email.
      default:
        return null;
    }
  }

  /** The customer's current address: it may have changed since the order was placed. */
  private async emailOf(userId: string): Promise<string> {
    const user = await this.deps.uow.read((tx) => tx.users.findById(userId));
    // Users are never deleted, so this is a broken event: fail it and let it end up dead, visibly.
    if (!user) throw new Error(`no user ${userId} to send the email to`);
    return user.email.value;
  }
}
