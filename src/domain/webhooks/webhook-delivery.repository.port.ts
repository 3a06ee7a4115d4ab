import type { WebhookEventType } from './webhook-event-type.js';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event for one endpoint: sent until a 2xx answers or the retry window closes. */
export interface WebhookDelivery {
  readonly id: string;
  readonly endpointId: string;
  /** The outbox event id: the `webhook-id` header and the body's `id`, the same on every attempt. */
  readonly eventId: string;
  readonly eventType: WebhookEventType;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  /** A short classification of the last failure (`HTTP 500`, `timeout` …); never a response body. */
  readonly lastError: string | null;
  readonly lastAttemptAt: Date | null;
  readonly nextAttemptAt: Date | null;
  readonly createdAt: Date;
}

/** A delivery to record at fan-out: its body is fixed then, so every retry sends the same bytes. */
export interface NewWebhookDelivery {
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: WebhookEventType;
  /** The exact JSON body every attempt sends. */
  readonly payload: string;
  readonly createdAt: Date;
}

export interface WebhookDeliveryRepository {
  /** Inserts the deliveries; one that exists already (same endpoint and event: a repeated fan-out) is left as it is. */
  addAll(deliveries: readonly NewWebhookDelivery[]): Promise<void>;
  /** Keyset page of one endpoint's log, newest first: `id < before ORDER BY id DESC LIMIT limit`. */
  list(query: { endpointId: string; status?: WebhookDeliveryStatus | undefined; limit: number; before: string | null }): Promise<WebhookDelivery[]>;
  findById(endpointId: string, deliveryId: string): Promise<WebhookDelivery | null>;
  /** Deletes succeeded and failed deliveries created before `cutoff` (pending ones stay, however old); returns how many. */
  purgeFinishedBefore(cutoff: Date): Promise<number>;
  /** Pending again, due `now`, with a fresh retry window and attempt count; false when there is no such delivery. */
  retry(endpointId: string, deliveryId: string, now: Date): Promise<boolean>;
}
