import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { WebhookEndpoint } from '../../../src/domain/webhooks/webhook-endpoint.entity.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const T1 = new Date('2026-01-01T00:05:00.000Z');
const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const anEndpoint = (n: number, events: string[] = ['order.created']) =>
  WebhookEndpoint.create({ id: id(n), url: `https://hooks.example.com/${n}`, events, description: `endpoint ${n}`, secretCiphertext: `sealed-${n}`, now: T0 });

describe.each(uowTargets)('webhook repositories contract on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ uow, close } = await target.open());
  });
  afterEach(async () => close());

  it('stores, finds, updates and lists endpoints (oldest first, keyset), rollback leaves nothing', async () => {
    await uow.run(async (tx) => {
      await tx.webhookEndpoints.add(anEndpoint(2, ['order.created', 'stock.low']));
      await tx.webhookEndpoints.add(anEndpoint(1));
    });
    await expect(uow.run(async (tx) => {
      await tx.webhookEndpoints.add(anEndpoint(3));
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    const found = await uow.read((tx) => tx.webhookEndpoints.findById(id(2)));
    expect(found).toMatchObject({ id: id(2), url: 'https://hooks.example.com/2', events: ['order.created', 'stock.low'], description: 'endpoint 2', isActive: true, secretCiphertext: 'sealed-2' });
    expect(found?.createdAt.toISOString()).toBe(T0.toISOString());
    expect(await uow.read((tx) => tx.webhookEndpoints.findById(id(3)))).toBeNull();
    expect((await uow.read((tx) => tx.webhookEndpoints.list({ limit: 10, after: null }))).map((e) => e.id)).toEqual([id(1), id(2)]);
    expect((await uow.read((tx) => tx.webhookEndpoints.list({ limit: 10, after: id(1) }))).map((e) => e.id)).toEqual([id(2)]);

    await uow.run(async (tx) => {
      const e = (await tx.webhookEndpoints.findById(id(2)))!;
      e.update({ isActive: false, events: ['stock.low'], url: 'https://other.example.com/' }, T1);
      await tx.webhookEndpoints.update(e);
    });
    const changed = await uow.read((tx) => tx.webhookEndpoints.findById(id(2)));
    expect(changed).toMatchObject({ isActive: false, events: ['stock.low'], url: 'https://other.example.com/' });
    expect(changed?.updatedAt.toISOString()).toBe(T1.toISOString());
  });

  it('finds the active endpoints subscribed to a type', async () => {
    await uow.run(async (tx) => {
      await tx.webhookEndpoints.add(anEndpoint(1, ['order.created']));
      await tx.webhookEndpoints.add(anEndpoint(2, ['order.confirmed']));
      const off = anEndpoint(3, ['order.created']);
      off.update({ isActive: false }, T1);
      await tx.webhookEndpoints.add(off);
    });
    expect((await uow.read((tx) => tx.webhookEndpoints.subscribedTo('order.created'))).map((e) => e.id)).toEqual([id(1)]);
    expect(await uow.read((tx) => tx.webhookEndpoints.subscribedTo('stock.low'))).toEqual([]);
  });

  it('records deliveries once per (endpoint, event), lists them newest first with a status filter, retries and deletes them with the endpoint', async () => {
    await uow.run(async (tx) => {
      await tx.webhookEndpoints.add(anEndpoint(1));
      await tx.webhookEndpoints.add(anEndpoint(2));
    });
    const delivery = (n: number, endpoint: number, event: string) => ({ id: id(100 + n), endpointId: id(endpoint), eventId: event, eventType: 'order.created' as const, payload: `{"n":${n}}`, createdAt: T0 });
    await uow.run((tx) => tx.webhookDeliveries.addAll([delivery(1, 1, 'e1'), delivery(2, 1, 'e2'), delivery(3, 2, 'e1')]));
    // A repeated fan-out (new ids, same endpoint and event) adds nothing and changes nothing.
    await uow.run((tx) => tx.webhookDeliveries.addAll([delivery(4, 1, 'e1'), delivery(5, 1, 'e3')]));
    const log = await uow.read((tx) => tx.webhookDeliveries.list({ endpointId: id(1), limit: 10, before: null }));
    expect(log.map((d) => d.id)).toEqual([id(105), id(102), id(101)]);
    expect(log[2]).toEqual({
      id: id(101),
      endpointId: id(1),
      eventId: 'e1',
      eventType: 'order.created',
      status: 'pending',
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      lastAttemptAt: null,
      nextAttemptAt: T0,
      createdAt: T0,
    });
    expect((await uow.read((tx) => tx.webhookDeliveries.list({ endpointId: id(1), limit: 1, before: id(105) }))).map((d) => d.id)).toEqual([id(102)]);
    expect(await uow.read((tx) => tx.webhookDeliveries.list({ endpointId: id(1), status: 'failed', limit: 10, before: null }))).toEqual([]);

    expect(await uow.run((tx) => tx.webhookDeliveries.retry(id(2), id(101), T1))).toBe(false);
    expect(await uow.run((tx) => tx.webhookDeliveries.retry(id(1), id(101), T1))).toBe(true);
    expect((await uow.read((tx) => tx.webhookDeliveries.findById(id(1), id(101))))?.nextAttemptAt).toEqual(T1);
    expect(await uow.read((tx) => tx.webhookDeliveries.findById(id(2), id(101)))).toBeNull();

    expect(await uow.run((tx) => tx.webhookEndpoints.delete(id(1)))).toBe(true);
    expect(await uow.run((tx) => tx.webhookEndpoints.delete(id(1)))).toBe(false);
    expect(await uow.read((tx) => tx.webhookDeliveries.list({ endpointId: id(1), limit: 10, before: null }))).toEqual([]);
    expect(await uow.read((tx) => tx.webhookDeliveries.list({ endpointId: id(2), limit: 10, before: null }))).toHaveLength(1);
  });

  it('purges finished deliveries created before a cutoff, never pending ones', async () => {
    await uow.run((tx) => tx.webhookEndpoints.add(anEndpoint(1)));
    const delivery = (n: number, createdAt: Date) => ({ id: id(200 + n), endpointId: id(1), eventId: `p${n}`, eventType: 'order.created' as const, payload: '{}', createdAt });
    await uow.run((tx) => tx.webhookDeliveries.addAll([delivery(1, T0), delivery(2, T0), delivery(3, T1)]));
    // Only the worker's queue finishes deliveries (sql-webhook-delivery-queue.test.ts purges those); these stay pending.
    expect(await uow.run((tx) => tx.webhookDeliveries.purgeFinishedBefore(T1))).toBe(0);
    expect(await uow.read((tx) => tx.webhookDeliveries.list({ endpointId: id(1), limit: 10, before: null }))).toHaveLength(3);
  });
});
