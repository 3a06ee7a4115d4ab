import { Counter, Registry } from 'prom-client';
import type { WebhookDeliveryMetrics, WebhookDeliveryOutcome } from '../../application/ports/webhook-delivery-metrics.port.js';
import type { DomainEvent } from '../../domain/shared/domain-event.js';

export type LoginOutcome = 'success' | 'wrong_password' | 'throttled' | 'inactive';
export type EmailOutcome = 'sent' | 'skipped' | 'failed';

/** What one committed transaction did that an operator counts: its events, and the orders it inserted. */
export interface CommittedFacts {
  readonly events: readonly DomainEvent[];
  readonly insertedOrderIds: readonly string[];
}

/** Event types counted one for one (name, help); an event type not listed here is not a business figure. */
const EVENT_COUNTERS: Readonly<Record<string, readonly [string, string]>> = {
  OrderConfirmed: ['orders_confirmed_total', 'Orders confirmed (committed: stock reserved)'],
  OrderCancelled: ['orders_cancelled_total', 'Orders cancelled (committed)'],
  OrderShipped: ['orders_shipped_total', 'Orders shipped (committed)'],
  OrderDelivered: ['orders_delivered_total', 'Orders delivered (committed)'],
  UserRegistered: ['registrations_total', 'Accounts registered (committed; customers and admins)'],
};

/** The confirmation refusal that matters most to an operator gets a short name; others keep their code. */
const refusalReason = (code: string): string => (code === 'stock.insufficient' ? 'stock' : code.replace(/\./g, '_'));

/**
 * The business counters on /metrics, in their own registry (the HTTP app merges it into its
 * scrape). Counters only ever see committed facts: the unit of work reports a transaction's
 * events after its commit (counting-unit-of-work.ts), the HTTP edge reports logins and refusals
 * once their answer is decided, and the outbox worker reports each email it settles. Each node
 * counts its own; Prometheus sums the nodes.
 */
export class BusinessMetrics implements WebhookDeliveryMetrics {
  readonly registry = new Registry();
  private readonly ordersCreated: Counter;
  private readonly byEvent: Map<string, Counter>;
  private readonly refusals: Counter<'reason'>;
  private readonly logins: Counter<'outcome'>;
  private readonly emails: Counter<'outcome'>;
  private readonly webhooks: Counter<'outcome'>;

  constructor() {
    const registers = [this.registry];
    this.ordersCreated = new Counter({ name: 'orders_created_total', help: 'Orders created (committed)', registers });
    this.byEvent = new Map(Object.entries(EVENT_COUNTERS).map(([type, [name, help]]) => [type, new Counter({ name, help, registers })]));
    this.refusals = new Counter({
      name: 'order_confirmations_refused_total',
      help: 'Order confirmations refused, by reason (stock: not enough stock; else the error code)',
      labelNames: ['reason'],
      registers,
    });
    this.logins = new Counter({ name: 'logins_total', help: 'Password logins by outcome', labelNames: ['outcome'], registers });
    this.emails = new Counter({
      name: 'emails_total',
      help: 'Outbox events settled by the email delivery: sent, skipped (no email for it), failed (to be retried or dead)',
      labelNames: ['outcome'],
      registers,
    });
    this.webhooks = new Counter({ name: 'webhook_deliveries_total', help: 'Webhook delivery attempts by outcome', labelNames: ['outcome'], registers });
    // Every known series from zero, so a dashboard's rate() has a series before the first event.
    for (const outcome of ['success', 'wrong_password', 'throttled', 'inactive'] satisfies LoginOutcome[]) this.logins.labels(outcome).inc(0);
    for (const outcome of ['sent', 'skipped', 'failed'] satisfies EmailOutcome[]) this.emails.labels(outcome).inc(0);
    for (const outcome of ['succeeded', 'failed', 'retrying'] satisfies WebhookDeliveryOutcome[]) this.webhooks.labels(outcome).inc(0);
    this.refusals.labels(refusalReason('stock.insufficient')).inc(0);
  }

  /**
   * One committed transaction. An order counts as created once, whether the transaction
   * inserted it, recorded an `OrderCreated` event for it, or both (the same order id).
   */
  committed(facts: CommittedFacts): void {
    const created = new Set(facts.insertedOrderIds);
    for (const event of facts.events) {
      if (event.type === 'OrderCreated') created.add(event.aggregateId);
      else this.byEvent.get(event.type)?.inc();
    }
    if (created.size > 0) this.ordersCreated.inc(created.size);
  }

  /** A confirmation answered with a refusal (a DomainError code such as `stock.insufficient`). */
  confirmationRefused(code: string): void {
    this.refusals.labels(refusalReason(code)).inc();
  }

  login(outcome: LoginOutcome): void {
    this.logins.labels(outcome).inc();
  }

  email(outcome: EmailOutcome): void {
    this.emails.labels(outcome).inc();
  }

  webhookDelivery(outcome: WebhookDeliveryOutcome): void {
    this.webhooks.labels(outcome).inc();
  }
}
