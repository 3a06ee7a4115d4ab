import type { DomainEvent } from '../../domain/shared/domain-event.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import { webhookEventOf, type WebhookResource } from '../../domain/webhooks/webhook-event-type.js';
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
    const published = webhookEventOf(input.event.type);
    if (!published) return 0;
    const { uow, ids, clock } = this.deps;
    // Reads first, outside any transaction: with no subscriber (the usual case) that is all it costs.
    const { endpoints, data } = await uow.read(async (tx) => {
      const subscribed = (await tx.webhookEndpoints.subscribedTo(published.type)).filter((e) => e.receives(input.event.occurredAt));
      return { endpoints: subscribed, data: subscribed.length === 0 ? null : await render(tx, published.resource, input.event.aggregateId) };
    });
    if (endpoints.length === 0 || data === null) return 0;
    const payload = JSON.stringify({ id: input.eventId, type: published.type, createdAt: input.event.occurredAt.toISOString(), data });
    const now = clock.now();
    await uow.run((tx) =>
      tx.webhookDeliveries.addAll(
        endpoints.map((endpoint) => ({ id: ids.next(), endpointId: endpoint.id, eventId: input.eventId, eventType: published.type, payload, createdAt: now })),
      ),
    );
    return endpoints.length;
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
