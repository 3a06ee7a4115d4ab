import type { DomainEvent } from '../../domain/shared/domain-event.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import { webhookEventOf, type WebhookEventType, type WebhookResource } from '../../domain/webhooks/webhook-event-type.js';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.entity.js';
import { toProductDto } from '../catalog/product.dto.js';
import { toOrderDto } from '../orders/order.dto.js';
import type { TransactionContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import { toUserDto } from '../users/user.dto.js';
import { ADMIN_VIEWER } from '../../domain/orders/order-actions.js';

export interface FanOutWebhookEventInput {
  /** The outbox row id: the webhook's `id` and `webhook-id`, the same on every attempt and every repeat of this fan-out. */
  eventId: string;
  event: DomainEvent;
}

/**
 * Turns one outbox event into one delivery per active endpoint subscribed to its type. Called
 * by the outbox dispatcher (at least once per event): the deliveries are keyed by (endpoint,
 * event), so a repeat after a crash or an email failure adds nothing.
 *
 * `data` is the resource as the API shows it, rendered here, when the event is fanned out —
 * normally milliseconds after the change committed, so it is the state right after the change;
 * if the resource changed again meanwhile it is the newer state (its `version`/`updatedAt`
 * tell). The body is then fixed: every retry sends the same bytes.
 */
export class FanOutWebhookEvent {
  constructor(private readonly deps: { uow: UnitOfWork; ids: IdGenerator; clock: Clock }) {}

  /** Returns how many deliveries the event has (0: not published, nobody subscribed, or the resource is gone). */
  async execute(input: FanOutWebhookEventInput): Promise<number> {
    return (await this.executeAll([input]))[0] ?? 0;
  }

  /**
   * Several events at once (an outbox batch): one read of the endpoints per event type and one
   * transaction for every delivery of every event, rather than a read and a transaction per
   * event. Returns the deliveries per event, in the order given.
   */
  async executeAll(inputs: readonly FanOutWebhookEventInput[]): Promise<number[]> {
    const published = inputs.map((input) => ({ input, published: webhookEventOf(input.event.type) }));
    if (published.every((p) => !p.published)) return inputs.map(() => 0);
    const { uow, ids, clock } = this.deps;
    // Reads first, outside any transaction: with no subscriber (the usual case) that is all it costs.
    const planned = await uow.read(async (tx) => {
      // One read per event type in the batch (an outbox batch holds a few types), not per event.
      const subscribers = new Map<WebhookEventType, WebhookEndpoint[]>();
      const plans: { input: FanOutWebhookEventInput; type: WebhookEventType; endpoints: WebhookEndpoint[]; data: unknown }[] = [];
      for (const { input, published: event } of published) {
        if (!event) continue;
        let subscribed = subscribers.get(event.type);
        if (subscribed === undefined) {
          subscribed = await tx.webhookEndpoints.subscribedTo(event.type);
          subscribers.set(event.type, subscribed);
        }
        const endpoints = subscribed.filter((e) => e.receives(input.event.occurredAt));
        if (endpoints.length === 0) continue;
        const data = await render(tx, event.resource, input.event.aggregateId);
        if (data !== null) plans.push({ input, type: event.type, endpoints, data });
      }
      return plans;
    });
    if (planned.length === 0) return inputs.map(() => 0);
    const now = clock.now();
    const deliveries = planned.flatMap(({ input, type, endpoints, data }) => {
      // Serialised once per event: every endpoint gets the same bytes.
      const payload = JSON.stringify({ id: input.eventId, type, createdAt: input.event.occurredAt.toISOString(), data });
      return endpoints.map((endpoint) => ({ id: ids.next(), endpointId: endpoint.id, eventId: input.eventId, eventType: type, payload, createdAt: now }));
    });
    await uow.run((tx) => tx.webhookDeliveries.addAll(deliveries));
    const counts = new Map(planned.map((p) => [p.input, p.endpoints.length]));
    return inputs.map((input) => counts.get(input) ?? 0);
  }
}

/** The resource as its GET shows it to an admin. */
const render = async (tx: TransactionContext, resource: WebhookResource, id: string): Promise<unknown> => {
  switch (resource) {
    case 'order': {
      const order = await tx.orders.findById(id);
      return order && toOrderDto(order, ADMIN_VIEWER);
    }
    case 'product': {
      const product = await tx.products.findById(id);
      return product && toProductDto(product);
    }
    case 'user': {
      const user = await tx.users.findById(id);
      return user && toUserDto(user);
    }
  }
};
