import type { Clock } from '../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.entity.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { WebhookSecrets } from '../ports/webhook-secrets.port.js';
import type { WebhookUrlPolicy } from '../ports/webhook-url-policy.port.js';
import type { Actor } from '../shared/actor.js';
import { requireWebhookAdmin } from './webhook-access.js';
import { toWebhookEndpointDto, type WebhookEndpointWithSecretDto } from './webhook.dto.js';

export interface CreateWebhookEndpointInput {
  actor: Actor;
  url: string;
  events: string[];
  description?: string;
}

/** Registers an endpoint, active at once; the answer is the only place its secret is ever shown. */
export class CreateWebhookEndpoint {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; ids: IdGenerator; secrets: WebhookSecrets; urls: WebhookUrlPolicy }) {}

  async execute(input: CreateWebhookEndpointInput): Promise<WebhookEndpointWithSecretDto> {
    requireWebhookAdmin(input.actor);
    const url = await this.deps.urls.check(input.url);
    const secret = this.deps.secrets.generate();
    const endpoint = WebhookEndpoint.create({
      id: this.deps.ids.next(),
      url,
      events: input.events,
      description: input.description,
      secretCiphertext: this.deps.secrets.seal(secret),
      now: this.deps.clock.now(),
    });
    await this.deps.uow.run((tx) => tx.webhookEndpoints.add(endpoint));
    return { ...toWebhookEndpointDto(endpoint), secret };
  }
}
