import type { Kysely, Selectable } from 'kysely';
import type {
  NewWebhookDelivery,
  WebhookDelivery,
  WebhookDeliveryRepository,
  WebhookDeliveryStatus,
} from '../../../domain/webhooks/webhook-delivery.repository.port.js';
import { WebhookEndpoint } from '../../../domain/webhooks/webhook-endpoint.entity.js';
import type { WebhookEndpointRepository } from '../../../domain/webhooks/webhook-endpoint.repository.port.js';
import type { WebhookEventType } from '../../../domain/webhooks/webhook-event-type.js';
import type { DB, WebhookDeliveriesTable, WebhookEndpointsTable } from '../database.schema.js';
import { fromBool, toBool, toDate, toIso } from '../mappers/row-values.js';

const endpointOf = (row: Selectable<WebhookEndpointsTable>): WebhookEndpoint =>
  WebhookEndpoint.restore({
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventType[],
    description: row.description,
    isActive: toBool(row.is_active),
    secretCiphertext: row.secret_ciphertext,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  });

const rowOf = (e: WebhookEndpoint) => ({
  id: e.id,
  url: e.url,
  events: JSON.stringify(e.events),
  description: e.description,
  is_active: fromBool(e.isActive),
  secret_ciphertext: e.secretCiphertext,
  created_at: toIso(e.createdAt),
  updated_at: toIso(e.updatedAt),
});

export class SqlWebhookEndpointRepository implements WebhookEndpointRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async add(endpoint: WebhookEndpoint): Promise<void> {
    await this.db.insertInto('webhook_endpoints').values(rowOf(endpoint)).execute();
  }

  async update(endpoint: WebhookEndpoint): Promise<void> {
    const { id, created_at: _created, ...changes } = rowOf(endpoint);
    await this.db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<boolean> {
    // Its log goes with it (the foreign key cascades too; said here so no adapter relies on it).
    await this.db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
    const result = await this.db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async findById(id: string): Promise<WebhookEndpoint | null> {
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? endpointOf(row) : null;
  }

  async list(query: { limit: number; after: string | null }): Promise<WebhookEndpoint[]> {
    let q = this.db.selectFrom('webhook_endpoints').selectAll().orderBy('id').limit(query.limit);
    if (query.after !== null) q = q.where('id', '>', query.after);
    return (await q.execute()).map(endpointOf);
  }

  async subscribedTo(type: WebhookEventType): Promise<WebhookEndpoint[]> {
    // A shop has a handful of endpoints: the event filter runs in code, the same on both databases.
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().where('is_active', '=', fromBool(true)).orderBy('id').execute();
    return rows.map(endpointOf).filter((e) => e.subscribesTo(type));
  }
}

const deliveryOf = (row: Selectable<WebhookDeliveriesTable>): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  eventId: row.event_id,
  eventType: row.event_type as WebhookEventType,
  status: row.status as WebhookDeliveryStatus,
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  lastAttemptAt: row.last_attempt_at === null ? null : toDate(row.last_attempt_at),
  // A pending row's claim moves its next attempt to the lease's end: that is when it runs again if the attempt dies.
  nextAttemptAt: row.status === 'pending' && row.next_attempt_at !== null ? toDate(row.next_attempt_at) : null,
  createdAt: toDate(row.created_at),
});

const LOG_COLUMNS = [
  'id',
  'endpoint_id',
  'event_id',
  'event_type',
  'status',
  'attempts',
  'last_status_code',
  'last_error',
  'last_attempt_at',
  'next_attempt_at',
  'created_at',
] as const;

export class SqlWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async addAll(deliveries: readonly NewWebhookDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.db
      .insertInto('webhook_deliveries')
      .values(
        deliveries.map((d) => {
          const at = toIso(d.createdAt);
          return {
            id: d.id,
            endpoint_id: d.endpointId,
            event_id: d.eventId,
            event_type: d.eventType,
            payload: d.payload,
            status: 'pending',
            attempts: 0,
            last_status_code: null,
            last_error: null,
            last_attempt_at: null,
            next_attempt_at: at,
            lease_until: null,
            window_start: at,
            created_at: at,
          };
        }),
      )
      .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
      .execute();
  }

  async list(query: { endpointId: string; status?: WebhookDeliveryStatus | undefined; limit: number; before: string | null }): Promise<WebhookDelivery[]> {
    let q = this.db
      .selectFrom('webhook_deliveries')
      .select(LOG_COLUMNS)
      .where('endpoint_id', '=', query.endpointId)
      .orderBy('id', 'desc')
      .limit(query.limit);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.before !== null) q = q.where('id', '<', query.before);
    return (await q.execute()).map((row) => deliveryOf({ ...row, payload: '', lease_until: null, window_start: row.created_at }));
  }

  async findById(endpointId: string, deliveryId: string): Promise<WebhookDelivery | null> {
    const row = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).where('endpoint_id', '=', endpointId).executeTakeFirst();
    return row ? deliveryOf(row) : null;
  }

  async purgeFinishedBefore(cutoff: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('webhook_deliveries')
      .where('status', 'in', ['succeeded', 'failed'])
      .where('created_at', '<', toIso(cutoff))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async retry(endpointId: string, deliveryId: string, now: Date): Promise<boolean> {
    const at = toIso(now);
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: at, window_start: at, lease_until: null })
      .where('id', '=', deliveryId)
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
