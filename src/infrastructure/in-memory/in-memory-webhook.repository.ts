import type {
  NewWebhookDelivery,
  WebhookDelivery,
  WebhookDeliveryRepository,
  WebhookDeliveryStatus,
} from '../../domain/webhooks/webhook-delivery.repository.port.js';
import { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.entity.js';
import type { WebhookEndpointRepository } from '../../domain/webhooks/webhook-endpoint.repository.port.js';
import type { WebhookEventType } from '../../domain/webhooks/webhook-event-type.js';
import { deleteWhere, type InMemoryStore } from './in-memory-store.js';

interface EndpointRecord {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string;
  isActive: boolean;
  secretCiphertext: string;
  createdAt: string;
  updatedAt: string;
}

interface DeliveryRecord {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: WebhookEventType;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  windowStart: string;
  createdAt: string;
}

const toRecord = (e: WebhookEndpoint): EndpointRecord => ({
  id: e.id,
  url: e.url,
  events: [...e.events],
  description: e.description,
  isActive: e.isActive,
  secretCiphertext: e.secretCiphertext,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

const fromRecord = (r: EndpointRecord): WebhookEndpoint =>
  WebhookEndpoint.restore({ ...r, createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt) });

const deliveryOf = (r: DeliveryRecord): WebhookDelivery => ({
  id: r.id,
  endpointId: r.endpointId,
  eventId: r.eventId,
  eventType: r.eventType,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.lastStatusCode,
  lastError: r.lastError,
  lastAttemptAt: r.lastAttemptAt === null ? null : new Date(r.lastAttemptAt),
  nextAttemptAt: r.nextAttemptAt === null ? null : new Date(r.nextAttemptAt),
  createdAt: new Date(r.createdAt),
});

export class InMemoryWebhookEndpointRepository implements WebhookEndpointRepository {
  constructor(private readonly store: InMemoryStore) {}

  private get rows(): Map<string, EndpointRecord> {
    return this.store.webhookEndpoints as unknown as Map<string, EndpointRecord>;
  }

  async add(endpoint: WebhookEndpoint): Promise<void> {
    this.rows.set(endpoint.id, toRecord(endpoint));
  }

  async update(endpoint: WebhookEndpoint): Promise<void> {
    if (this.rows.has(endpoint.id)) this.rows.set(endpoint.id, toRecord(endpoint));
  }

  async delete(id: string): Promise<boolean> {
    if (!this.rows.delete(id)) return false;
    deleteWhere(this.store.webhookDeliveries as unknown as Map<string, DeliveryRecord>, (d) => d.endpointId === id);
    return true;
  }

  async findById(id: string): Promise<WebhookEndpoint | null> {
    const row = this.rows.get(id);
    return row ? fromRecord(row) : null;
  }

  async list(query: { limit: number; after: string | null }): Promise<WebhookEndpoint[]> {
    return [...this.rows.values()]
      .filter((r) => query.after === null || r.id > query.after)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, query.limit)
      .map(fromRecord);
  }

  async subscribedTo(type: WebhookEventType): Promise<WebhookEndpoint[]> {
    return [...this.rows.values()]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map(fromRecord)
      .filter((e) => e.subscribesTo(type));
  }
}

export class InMemoryWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(private readonly store: InMemoryStore) {}

  private get rows(): Map<string, DeliveryRecord> {
    return this.store.webhookDeliveries as unknown as Map<string, DeliveryRecord>;
  }

  async addAll(deliveries: readonly NewWebhookDelivery[]): Promise<void> {
    for (const d of deliveries) {
      const exists = [...this.rows.values()].some((r) => r.endpointId === d.endpointId && r.eventId === d.eventId);
      if (exists) continue;
      const at = d.createdAt.toISOString();
      this.rows.set(d.id, {
        ...d,
        status: 'pending',
        attempts: 0,
        lastStatusCode: null,
        lastError: null,
        lastAttemptAt: null,
        nextAttemptAt: at,
        windowStart: at,
        createdAt: at,
      });
    }
  }

  async list(query: { endpointId: string; status?: WebhookDeliveryStatus | undefined; limit: number; before: string | null }): Promise<WebhookDelivery[]> {
    return [...this.rows.values()]
      .filter((r) => r.endpointId === query.endpointId)
      .filter((r) => query.status === undefined || r.status === query.status)
      .filter((r) => query.before === null || r.id < query.before)
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, query.limit)
      .map(deliveryOf);
  }

  async findById(endpointId: string, deliveryId: string): Promise<WebhookDelivery | null> {
    const row = this.rows.get(deliveryId);
    return row && row.endpointId === endpointId ? deliveryOf(row) : null;
  }

  async purgeFinishedBefore(cutoff: Date): Promise<number> {
    return deleteWhere(this.rows, (r) => r.status !== 'pending' && new Date(r.createdAt) < cutoff);
  }

  async retry(endpointId: string, deliveryId: string, now: Date): Promise<boolean> {
    const row = this.rows.get(deliveryId);
    if (!row || row.endpointId !== endpointId) return false;
    const at = now.toISOString();
    this.rows.set(deliveryId, { ...row, status: 'pending', attempts: 0, nextAttemptAt: at, windowStart: at });
    return true;
  }
}
