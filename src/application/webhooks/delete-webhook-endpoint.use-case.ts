import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { Actor } from '../shared/actor.js';
import { requireWebhookAdmin, webhookNotFound } from './webhook-access.js';

/** Removes the endpoint and its delivery log: nothing more is sent to it, pending retries included. */
export class DeleteWebhookEndpoint {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: { actor: Actor; endpointId: string }): Promise<void> {
    requireWebhookAdmin(input.actor);
    const deleted = await this.deps.uow.run((tx) => tx.webhookEndpoints.delete(input.endpointId));
    if (!deleted) throw webhookNotFound();
  }
}
