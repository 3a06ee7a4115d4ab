import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { Actor } from '../shared/actor.js';
import { loadWebhookEndpoint, requireWebhookAdmin } from './webhook-access.js';
import { toWebhookEndpointDto, type WebhookEndpointDto } from './webhook.dto.js';

export class GetWebhookEndpoint {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: { actor: Actor; endpointId: string }): Promise<WebhookEndpointDto> {
    requireWebhookAdmin(input.actor);
    return toWebhookEndpointDto(await this.deps.uow.read((tx) => loadWebhookEndpoint(tx.webhookEndpoints, input.endpointId)));
  }
}
