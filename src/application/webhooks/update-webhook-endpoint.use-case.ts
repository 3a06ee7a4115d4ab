import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { WebhookUrlPolicy } from '../ports/webhook-url-policy.port.js';
import type { Actor } from '../shared/actor.js';
import { loadWebhookEndpoint, requireWebhookAdmin } from './webhook-access.js';
import { toWebhookEndpointDto, type WebhookEndpointDto } from './webhook.dto.js';

export interface UpdateWebhookEndpointInput {
  actor: Actor;
  endpointId: string;
  url?: string;
  events?: string[];
  description?: string;
  isActive?: boolean;
}

/** A partial change; a new URL passes the same SSRF policy as at creation. Deliveries already recorded keep their body. */
export class UpdateWebhookEndpoint {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; urls: WebhookUrlPolicy }) {}

  async execute(input: UpdateWebhookEndpointInput): Promise<WebhookEndpointDto> {
    requireWebhookAdmin(input.actor);
    // Resolving the host takes a DNS round trip: done before the transaction, not inside it.
    const url = input.url === undefined ? undefined : await this.deps.urls.check(input.url);
    return this.deps.uow.run(async (tx) => {
      const endpoint = await loadWebhookEndpoint(tx.webhookEndpoints, input.endpointId);
      endpoint.update({ url, events: input.events, description: input.description, isActive: input.isActive }, this.deps.clock.now());
      await tx.webhookEndpoints.update(endpoint);
      return toWebhookEndpointDto(endpoint);
    });
  }
}
