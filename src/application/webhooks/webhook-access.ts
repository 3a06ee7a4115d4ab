import { DomainError } from '../../domain/shared/domain-error.js';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.entity.js';
import type { WebhookEndpointRepository } from '../../domain/webhooks/webhook-endpoint.repository.port.js';
import { type Actor, isAdmin } from '../shared/actor.js';

/** Webhooks are the shop's integrations: admins only (a customer gets 403, not 404: the feature is no secret). */
export const requireWebhookAdmin = (actor: Actor): void => {
  if (!isAdmin(actor)) throw new DomainError('auth.forbidden', 'only an admin may manage webhooks');
};

export const webhookNotFound = (): DomainError => new DomainError('webhook.not_found', 'no such webhook endpoint');

export const loadWebhookEndpoint = async (endpoints: WebhookEndpointRepository, id: string): Promise<WebhookEndpoint> => {
  const endpoint = await endpoints.findById(id);
  if (!endpoint) throw webhookNotFound();
  return endpoint;
};
