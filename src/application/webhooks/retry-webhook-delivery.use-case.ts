import { DomainError } from '../../domain/shared/domain-error.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { Actor } from '../shared/actor.js';
import { loadWebhookEndpoint, requireWebhookAdmin } from './webhook-access.js';
import { toWebhookDeliveryDto, type WebhookDeliveryDto } from './webhook.dto.js';

/**
 * Sends a delivery again, whatever its status: due now, with a fresh retry window (a `failed`
 * one gets another 24 h of attempts). The same body and `webhook-id` as before, so a receiver
 * that already has it recognises it. Accepted (202): the worker sends it.
 */
export class RetryWebhookDelivery {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  /** Returns the delivery as it now stands (pending, due now). */
  async execute(input: { actor: Actor; endpointId: string; deliveryId: string }): Promise<WebhookDeliveryDto> {
    requireWebhookAdmin(input.actor);
    return this.deps.uow.run(async (tx) => {
      await loadWebhookEndpoint(tx.webhookEndpoints, input.endpointId);
      const retried = await tx.webhookDeliveries.retry(input.endpointId, input.deliveryId, this.deps.clock.now());
      const delivery = retried ? await tx.webhookDeliveries.findById(input.endpointId, input.deliveryId) : null;
      if (!delivery) throw new DomainError('webhook.delivery_not_found', 'no such delivery for this endpoint');
      return toWebhookDeliveryDto(delivery);
    });
  }
}
