import type { WebhookDelivery, WebhookDeliveryStatus } from '../../domain/webhooks/webhook-delivery.repository.port.js';
import type { WebhookEventType } from '../../domain/webhooks/webhook-event-type.js';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.entity.js';

/** An endpoint as admins see it: never its secret. */
export interface WebhookEndpointDto {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The 201 of a creation (and a rotation): the only answers that carry the plain secret. */
export type WebhookEndpointWithSecretDto = WebhookEndpointDto & { secret: string };

export interface WebhookDeliveryDto {
  id: string;
  eventId: string;
  eventType: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export const toWebhookEndpointDto = (e: WebhookEndpoint): WebhookEndpointDto => ({
  id: e.id,
  url: e.url,
  events: [...e.events],
  description: e.description,
  isActive: e.isActive,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

export const toWebhookDeliveryDto = (d: WebhookDelivery): WebhookDeliveryDto => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});
