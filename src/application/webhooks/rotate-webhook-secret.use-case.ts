import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { WebhookSecrets } from '../ports/webhook-secrets.port.js';
import type { Actor } from '../shared/actor.js';
import { loadWebhookEndpoint, requireWebhookAdmin } from './webhook-access.js';
import { toWebhookEndpointDto, type WebhookEndpointWithSecretDto } from './webhook.dto.js';

/** A new signing secret, effective for every attempt from now on (retries of older events included); shown once. */
export class RotateWebhookSecret {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; secrets: WebhookSecrets }) {}

  async execute(input: { actor: Actor; endpointId: string }): Promise<WebhookEndpointWithSecretDto> {
    requireWebhookAdmin(input.actor);
    const secret = this.deps.secrets.generate();
    const sealed = this.deps.secrets.seal(secret);
    return this.deps.uow.run(async (tx) => {
      const endpoint = await loadWebhookEndpoint(tx.webhookEndpoints, input.endpointId);
      endpoint.rotateSecret(sealed, this.deps.clock.now());
      await tx.webhookEndpoints.update(endpoint);
      return { ...toWebhookEndpointDto(endpoint), secret };
    });
  }
}
