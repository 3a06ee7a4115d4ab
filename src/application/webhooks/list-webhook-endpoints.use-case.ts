import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { Actor } from '../shared/actor.js';
import { keysetQuery, type Page, type PageRequest, toPage } from '../shared/pagination.js';
import { requireWebhookAdmin } from './webhook-access.js';
import { toWebhookEndpointDto, type WebhookEndpointDto } from './webhook.dto.js';

/** Every endpoint, oldest first, a page at a time. */
export class ListWebhookEndpoints {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: PageRequest & { actor: Actor }): Promise<Page<WebhookEndpointDto>> {
    requireWebhookAdmin(input.actor);
    const { limit, fetch, after } = keysetQuery(input);
    const rows = await this.deps.uow.read((tx) => tx.webhookEndpoints.list({ limit: fetch, after }));
    return toPage(rows, limit, toWebhookEndpointDto);
  }
}
