import { beforeEach, describe, expect, it } from 'vitest';
import { toProductDto } from '../../../src/application/catalog/product.dto.js';
import { toUserDto } from '../../../src/application/users/user.dto.js';
import { FanOutWebhookEvent } from '../../../src/application/webhooks/fan-out-webhook-event.use-case.js';
import { WebhookEndpoint } from '../../../src/domain/webhooks/webhook-endpoint.entity.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aUser } from '../../support/mothers/user.mother.js';

const NOW = new Date('2026-02-01T12:00:00.000Z');
const AT = new Date('2026-02-01T11:59:59.000Z');
/** Endpoints are registered before the events of these tests happen, unless a test says otherwise. */
const REGISTERED = new Date('2026-02-01T11:00:00.000Z');

describe('FanOutWebhookEvent', () => {
  let uow: InMemoryUnitOfWork;
  let fanOut: FanOutWebhookEvent;
  let n = 0;

  beforeEach(() => {
    uow = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    fanOut = new FanOutWebhookEvent({ uow, ids: { next: () => `delivery-${String(++n).padStart(4, '0')}` }, clock: { now: () => NOW } });
  });

  const endpoint = (id: string, events: string[], active = true, registeredAt = REGISTERED) => {
    const e = WebhookEndpoint.create({ id, url: `https://${id}.example.com/`, events, secretCiphertext: 'sealed', now: registeredAt });
    if (!active) e.update({ isActive: false }, NOW);
    return uow.run((tx) => tx.webhookEndpoints.add(e));
  };
  const logOf = (endpointId: string) => uow.read((tx) => tx.webhookDeliveries.list({ endpointId, limit: 100, before: null }));
  const payloadsOf = (endpointId: string) => [...(uow.store.current.webhookDeliveries.values() as Iterable<{ endpointId: string; payload: string }>)].filter((d) => d.endpointId === endpointId).map((d) => JSON.parse(d.payload));

  it('records one delivery per active subscribed endpoint, with the body {id, type, createdAt, data} fixed now', async () => {
    const user = aUser().build();
    await uow.run((tx) => tx.users.insert(user));
    await endpoint('one', ['user.registered']);
    await endpoint('two', ['user.registered', 'order.created']);
    await endpoint('other', ['order.created']);
    await endpoint('off', ['user.registered'], false);
    const count = await fanOut.execute({ eventId: 'event-1', event: { type: 'UserRegistered', aggregateId: user.id, occurredAt: AT, payload: { userId: user.id, email: user.email.value } } });
    expect(count).toBe(2);
    expect(payloadsOf('one')).toEqual([{ id: 'event-1', type: 'user.registered', createdAt: AT.toISOString(), data: toUserDto(user) }]);
    expect(payloadsOf('two')).toEqual(payloadsOf('one'));
    expect(await logOf('other')).toEqual([]);
    expect(await logOf('off')).toEqual([]);
  });

  it('gives an endpoint only the events that happened once it was registered, however late an older one is fanned out', async () => {
    const product = aProduct().build();
    await uow.run((tx) => tx.products.insert(product));
    await endpoint('before', ['stock.low']);
    await endpoint('after', ['stock.low'], true, new Date(AT.getTime() + 1));
    const count = await fanOut.execute({ eventId: 'event-late', event: { type: 'StockLow', aggregateId: product.id, occurredAt: AT, payload: {} } });
    expect(count).toBe(1);
    expect(await logOf('before')).toHaveLength(1);
    expect(await logOf('after')).toEqual([]);
  });

  it('is harmless when repeated (the outbox delivers at least once)', async () => {
    const product = aProduct().build();
    await uow.run((tx) => tx.products.insert(product));
    await endpoint('one', ['stock.low']);
    const input = { eventId: 'event-2', event: { type: 'StockLow', aggregateId: product.id, occurredAt: AT, payload: {} } };
    await fanOut.execute(input);
    await fanOut.execute(input);
    expect(await logOf('one')).toHaveLength(1);
    expect(payloadsOf('one')[0].data).toEqual(toProductDto(product));
  });

  it('fans out a batch of events at once, each event counted on its own and serialised once for all its endpoints', async () => {
    const product = aProduct().build();
    const user = aUser().build();
    await uow.run(async (tx) => {
      await tx.products.insert(product);
      await tx.users.insert(user);
    });
    await endpoint('one', ['stock.low', 'user.registered']);
    await endpoint('two', ['stock.low']);
    const counts = await fanOut.executeAll([
      { eventId: 'event-a', event: { type: 'StockLow', aggregateId: product.id, occurredAt: AT, payload: {} } },
      { eventId: 'event-b', event: { type: 'PasswordChanged', aggregateId: user.id, occurredAt: AT, payload: {} } },
      { eventId: 'event-c', event: { type: 'UserRegistered', aggregateId: user.id, occurredAt: AT, payload: {} } },
      { eventId: 'event-d', event: { type: 'StockLow', aggregateId: 'no-such-product', occurredAt: AT, payload: {} } },
    ]);
    expect(counts).toEqual([2, 0, 1, 0]);
    expect(payloadsOf('one').map((p: { id: string }) => p.id).sort()).toEqual(['event-a', 'event-c']);
    expect(payloadsOf('two')).toEqual([{ id: 'event-a', type: 'stock.low', createdAt: AT.toISOString(), data: toProductDto(product) }]);
    expect(await fanOut.executeAll([{ eventId: 'event-a', event: { type: 'StockLow', aggregateId: product.id, occurredAt: AT, payload: {} } }])).toEqual([2]);
    expect(await logOf('two')).toHaveLength(1);
  });

  it('records nothing for events that are not published, nobody subscribed to, or whose resource does not exist', async () => {
    await endpoint('one', ['order.created']);
    expect(await fanOut.execute({ eventId: 'e', event: { type: 'PasswordChanged', aggregateId: 'u', occurredAt: AT, payload: {} } })).toBe(0);
    expect(await fanOut.execute({ eventId: 'e', event: { type: 'OrderCancelled', aggregateId: 'o', occurredAt: AT, payload: {} } })).toBe(0);
    expect(await fanOut.execute({ eventId: 'e', event: { type: 'OrderCreated', aggregateId: 'no-such-order', occurredAt: AT, payload: {} } })).toBe(0);
    expect(await logOf('one')).toEqual([]);
  });
});
