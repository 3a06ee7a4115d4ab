import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/domain/shared/clock.port.js';
import { WebhookEndpoint } from '../../../src/domain/webhooks/webhook-endpoint.entity.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { SqlWebhookDeliveryQueue } from '../../../src/infrastructure/db/repositories/sql-webhook-delivery-queue.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');

describe.each(sqlTargets)('SqlWebhookDeliveryQueue on $name', (target) => {
  let created: TestDatabase;
  let database: Database;
  let now: Date;
  const clock: Clock = { now: () => now };
  let queue: SqlWebhookDeliveryQueue;
  let uow: KyselyUnitOfWork;

  beforeEach(async () => {
    created = await target.create();
    database = openDatabase(created.url);
    await migrateToLatest(database);
    now = T0;
    queue = new SqlWebhookDeliveryQueue(database.db, database.dialect, clock);
    uow = new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator()));
    await uow.run(async (tx) => {
      for (const name of ['a', 'b']) {
        await tx.webhookEndpoints.add(WebhookEndpoint.create({ id: name, url: `https://${name}.example.com/`, events: ['order.created'], secretCiphertext: `sealed-${name}`, now: T0 }));
      }
    });
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  const record = (n: number, endpoint: string) => ({ id: `d${String(n).padStart(3, '0')}`, endpointId: endpoint, eventId: `e${n}`, eventType: 'order.created' as const, payload: `{"n":${n}}`, createdAt: T0 });
  const claim = (limit: number, inFlight: Map<string, number> = new Map(), perEndpoint = 2) => queue.claim({ limit, leaseMs: 60_000, inFlight, perEndpoint });

  it('leases due deliveries with what an attempt needs; leased rows are not due again until the lease ends', async () => {
    await uow.run((tx) => tx.webhookDeliveries.addAll([record(1, 'a')]));
    const [d] = await claim(5);
    expect(d).toMatchObject({ id: 'd001', endpointId: 'a', eventId: 'e1', url: 'https://a.example.com/', secretCiphertext: 'sealed-a', payload: '{"n":1}', attempts: 1 });
    expect(d!.windowStart.toISOString()).toBe(T0.toISOString());
    expect(await claim(5)).toEqual([]);
    now = new Date(T0.getTime() + 60_001);
    // The worker died: the row is due again, with the same payload and event id.
    expect(await claim(5)).toMatchObject([{ id: 'd001', eventId: 'e1', attempts: 2 }]);
  });

  it('takes no more per endpoint than allowed, counting what is already in flight, and reaches past a saturated endpoint', async () => {
    await uow.run((tx) => tx.webhookDeliveries.addAll([1, 2, 3, 4, 5].map((n) => record(n, 'a')).concat([record(6, 'b')])));
    const first = await claim(10, new Map([['a', 1]]));
    expect(first.map((d) => d.id)).toEqual(['d001', 'd006']);
    const second = await claim(10, new Map([['a', 2]]));
    expect(second).toEqual([]);
  });

  it('leaves an inactive endpoint’s deliveries waiting', async () => {
    await uow.run((tx) => tx.webhookDeliveries.addAll([record(1, 'a'), record(2, 'b')]));
    await uow.run(async (tx) => {
      const a = (await tx.webhookEndpoints.findById('a'))!;
      a.update({ isActive: false }, T0);
      await tx.webhookEndpoints.update(a);
    });
    expect((await claim(10)).map((d) => d.id)).toEqual(['d002']);
  });

  it('records outcomes only for the claim that made the attempt, and counts pending and failed rows', async () => {
    await uow.run((tx) => tx.webhookDeliveries.addAll([record(1, 'a'), record(2, 'b')]));
    const [a, b] = await claim(10);
    now = new Date(T0.getTime() + 60_001);
    const [again] = await claim(1);
    expect(again!.id).toBe(a!.id);
    // The first claim's lease ran out and the row was claimed again: its late outcome is ignored.
    await queue.record(a!, { succeeded: false, statusCode: 500, error: 'HTTP 500', nextAttemptAt: null });
    expect((await uow.read((tx) => tx.webhookDeliveries.findById('a', a!.id)))?.status).toBe('pending');
    await queue.record(again!, { succeeded: true, statusCode: 200, error: null, nextAttemptAt: null });
    await queue.record(b!, { succeeded: false, statusCode: null, error: 'timeout', nextAttemptAt: null });
    expect(await uow.read((tx) => tx.webhookDeliveries.findById('a', a!.id))).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200, nextAttemptAt: null });
    expect(await uow.read((tx) => tx.webhookDeliveries.findById('b', b!.id))).toMatchObject({ status: 'failed', lastError: 'timeout', lastStatusCode: null });
    expect(await queue.counts()).toEqual({ pending: 0, failed: 1 });
    // Housekeeping: finished rows past the retention go, whatever their outcome.
    expect(await uow.run((tx) => tx.webhookDeliveries.purgeFinishedBefore(T0))).toBe(0);
    expect(await uow.run((tx) => tx.webhookDeliveries.purgeFinishedBefore(new Date(T0.getTime() + 1)))).toBe(2);
    expect(await queue.counts()).toEqual({ pending: 0, failed: 0 });
  });
});
