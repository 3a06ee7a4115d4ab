import type { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { WebhookEventType } from './webhook-event-type.js';

export interface WebhookEndpointRepository {
  add(endpoint: WebhookEndpoint): Promise<void>;
  update(endpoint: WebhookEndpoint): Promise<void>;
  /** Deletes the endpoint and its delivery log; false when there was none. */
  delete(id: string): Promise<boolean>;
  findById(id: string): Promise<WebhookEndpoint | null>;
  /** Keyset page, oldest first: `id > after ORDER BY id LIMIT limit`. */
  list(query: { limit: number; after: string | null }): Promise<WebhookEndpoint[]>;
  /** The active endpoints subscribed to `type` (a handful: filtered in code, see the adapters). */
  subscribedTo(type: WebhookEventType): Promise<WebhookEndpoint[]>;
}
