import type { WebhookDeliveryStatus } from '../../domain/webhooks/webhook-delivery.repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { Actor } from '../shared/actor.js';
import { keysetQuery, type Page, type PageRequest, toPage } from '../shared/pagination.js';
import { loadWebhookEndpoint, requireWebhookAdmin } from './webhook-access.js';
import { toWebhookDeliveryDto, type WebhookDeliveryDto } from './webhook.dto.js';

export type ListWebhookDeliveriesInput = PageRequest & { actor: Actor; endpointId: string; status?: WebhookDeliveryStatus };

/** An endpoint's delivery log, newest first (ids are time-ordered UUIDv7s), optionally one status only. */
export class ListWebhookDeliveries {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: ListWebhookDeliveriesInput): Promise<Page<WebhookDeliveryDto>> {
    requireWebhookAdmin(input.actor);
    const { limit, fetch, after } = keysetQuery(input);
    const rows = await this.deps.uow.read(async (tx) => {
      await loadWebhookEndpoint(tx.webhookEndpoints, input.endpointId);
      return tx.webhookDeliveries.list({ endpointId: input.endpointId, status: input.status, limit: fetch, before: after });
    });
    return toPage(rows, limit, toWebhookDeliveryDto);
  }
}
