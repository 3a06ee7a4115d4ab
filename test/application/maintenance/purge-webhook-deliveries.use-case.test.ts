import { describe, expect, it } from 'vitest';
import { PurgeWebhookDeliveries } from '../../../src/application/maintenance/purge-webhook-deliveries.use-case.js';
import { WebhookEndpoint } from '../../../src/domain/webhooks/webhook-endpoint.entity.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';

const DAY = 86_400_000;
const NOW = new Date('2026-03-01T00:00:00.000Z');

describe('PurgeWebhookDeliveries', () => {
  it('deletes finished deliveries older than the retention and keeps pending and recent ones', async () => {
    const uow = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    await uow.run((tx) => tx.webhookEndpoints.add(WebhookEndpoint.create({ id: 'w', url: 'https://x.example.com/', events: ['order.created'], secretCiphertext: 's', now: NOW })));
    const at = (days: number) => new Date(NOW.getTime() - days * DAY);
    await uow.run((tx) =>
      tx.webhookDeliveries.addAll(
        [['old-ok', 40], ['old-failed', 40], ['old-pending', 40], ['new-ok', 5]].map(([id, days]) => ({
          id: id as string,
          endpointId: 'w',
          eventId: `e-${id as string}`,
          eventType: 'order.created' as const,
          payload: '{}',
          createdAt: at(days as number),
        })),
      ),
    );
    // The worker's queue finishes deliveries; here the store's rows are set as it would leave them.
    const rows = uow.store.current.webhookDeliveries as Map<string, Record<string, unknown>>;
    for (const [id, status] of [['old-ok', 'succeeded'], ['old-failed', 'failed'], ['new-ok', 'succeeded']]) rows.set(id!, { ...rows.get(id!), status });
    const purge = new PurgeWebhookDeliveries({ uow, clock: { now: () => NOW }, retentionMs: 30 * DAY });
    expect(await purge.execute()).toBe(2);
    expect([...uow.store.current.webhookDeliveries.keys()].sort()).toEqual(['new-ok', 'old-pending']);
  });
});
