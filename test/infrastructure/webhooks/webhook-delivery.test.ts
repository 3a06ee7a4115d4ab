import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/domain/shared/domain-event.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';
import { startWebhookReceiver, verifyReference, type WebhookReceiver } from '../../support/webhook-receiver.js';

type Headers = Record<string, string>;

const until = async (done: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(sqlTargets)('webhook delivery to a real receiver on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let receiver: WebhookReceiver;
  let productId: string;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db, {
      RUN_WORKER: 'true',
      OUTBOX_POLL_MS: '20',
      WEBHOOK_POLL_MS: '20',
      // The receiver listens on 127.0.0.1: the SSRF guard would refuse it (webhooks.routes.test.ts tests the guard).
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_TIMEOUT_MS: '300',
      WEBHOOK_LEASE_MS: '2000',
      WEBHOOK_RETRY_BASE_MS: '40',
      WEBHOOK_RETRY_MAX_MS: '80',
      WEBHOOK_GIVE_UP_AFTER_MS: '1000',
    });
    admin = (await adminAndLogin(t)).auth;
    const product = await t.app.inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: 'MUG', name: 'Mug', price: { amount: '9.50', currency: 'EUR' }, stock: 1000 } });
    productId = product.json().id as string;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    const endpoints = (await t.app.inject({ method: 'GET', url: '/webhooks?limit=100', headers: admin })).json().items as { id: string }[];
    for (const e of endpoints) await t.app.inject({ method: 'DELETE', url: `/webhooks/${e.id}`, headers: admin });
    await receiver.close();
  });

  const subscribe = async (events: string[], url = receiver.url) => {
    const res = await t.app.inject({ method: 'POST', url: '/webhooks', headers: admin, payload: { url, events } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; secret: string };
  };
  const deliveries = async (endpointId: string, query = '') =>
    (await t.app.inject({ method: 'GET', url: `/webhooks/${endpointId}/deliveries${query}`, headers: admin })).json().items as Record<string, unknown>[];
  let customers = 0;
  const confirmedOrder = async () => {
    const { auth } = await registerAndLogin(t.app, `buyer${++customers}@example.com`);
    const order = (await t.app.inject({ method: 'POST', url: '/orders', headers: auth, payload: { items: [{ productId, quantity: 2 }] } })).json();
    const confirmed = await t.app.inject({ method: 'POST', url: `/orders/${order.id as string}/confirm`, headers: auth });
    expect(confirmed.statusCode).toBe(200);
    return order.id as string;
  };
  const outboxAdd = async (events: DomainEvent[], rollBack = false) => {
    const uow = new KyselyUnitOfWork(t.services.database.db, sqlRepositories(new UuidV7IdGenerator()));
    await uow
      .run(async (tx) => {
        await tx.outbox.add(events);
        if (rollBack) throw new Error('roll back');
      })
      .catch((e: unknown) => {
        if (!rollBack) throw e;
      });
  };

  it('signs with the Standard Webhooks scheme (reference algorithm and the standardwebhooks package) and sends {id, type, createdAt, data}', async () => {
    const endpoint = await subscribe(['order.confirmed']);
    const orderId = await confirmedOrder();
    await until(() => receiver.received.length === 1, 'the delivery');
    const [hook] = receiver.received;
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(verifyReference(endpoint.secret, hook!)).toBe(true);
    expect(verifyReference(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, hook!)).toBe(false);
    const verified = new Webhook(endpoint.secret).verify(hook!.body, {
      'webhook-id': String(hook!.headers['webhook-id']),
      'webhook-timestamp': String(hook!.headers['webhook-timestamp']),
      'webhook-signature': String(hook!.headers['webhook-signature']),
    });
    const body = JSON.parse(hook!.body);
    expect(verified).toEqual(body);
    expect(Math.abs(Number(hook!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(Object.keys(body)).toEqual(['id', 'type', 'createdAt', 'data']);
    expect(body.id).toBe(hook!.headers['webhook-id']);
    expect(body.type).toBe('order.confirmed');
    // The order exactly as the API shows it (to an admin) right after the confirmation.
    const asShown = (await t.app.inject({ method: 'GET', url: `/orders/${orderId}`, headers: admin })).json();
    expect(body.data).toEqual(asShown);
    expect(body.data.status).toBe('confirmed');
    await until(async () => (await deliveries(endpoint.id))[0]?.status === 'succeeded', 'the delivery recorded');
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ eventId: body.id, eventType: 'order.confirmed', attempts: 1, lastStatusCode: 204, nextAttemptAt: null, lastError: null });
  });

  it('sends user.registered with the user as the API shows it (no password, no hash)', async () => {
    await subscribe(['user.registered']);
    const { user } = await registerAndLogin(t.app, 'newcomer@example.com');
    await until(() => receiver.received.length === 1, 'the delivery');
    const body = JSON.parse(receiver.received[0]!.body);
    expect(body).toMatchObject({ type: 'user.registered', data: { id: user.id, email: 'newcomer@example.com', isActive: true, role: 'customer' } });
    expect(receiver.received[0]!.body).not.toMatch(/password|hash/i);
  });

  it('maps every contract event, those other modules raise too (added to the outbox here as they will be)', async () => {
    const endpoint = await subscribe(['order.created', 'order.shipped', 'order.delivered', 'order.cancelled', 'product.archived', 'stock.low']);
    const orderId = await confirmedOrder();
    const at = new Date();
    const event = (type: string, aggregateId: string): DomainEvent => ({ type, aggregateId, occurredAt: at, payload: {} });
    // order.created is the real one, raised when confirmedOrder() created the order.
    await outboxAdd([
      event('OrderShipped', orderId),
      event('OrderDelivered', orderId),
      event('ProductArchived', productId),
      event('StockLow', productId),
      // Not published: internal events and unknown ones.
      event('PasswordChanged', orderId),
      event('SomethingElse', orderId),
    ]);
    await until(() => receiver.received.length === 5, 'five deliveries');
    await settle(200);
    const bodies = receiver.received.map((h) => JSON.parse(h.body));
    expect(bodies.map((b) => b.type).sort()).toEqual(['order.created', 'order.delivered', 'order.shipped', 'product.archived', 'stock.low']);
    expect(bodies.find((b) => b.type === 'order.shipped').data.id).toBe(orderId);
    expect(bodies.find((b) => b.type === 'stock.low').data).toMatchObject({ id: productId, sku: 'MUG' });
    expect(bodies.filter((b) => b.type !== 'order.created').every((b) => b.createdAt === at.toISOString())).toBe(true);
    expect(await deliveries(endpoint.id)).toHaveLength(5);
  });

  it('sends nothing for unsubscribed types, to inactive endpoints, or for a change that rolled back', async () => {
    const other = await subscribe(['order.cancelled']);
    const inactive = await subscribe(['order.confirmed', 'order.created']);
    await t.app.inject({ method: 'PATCH', url: `/webhooks/${inactive.id}`, headers: admin, payload: { isActive: false } });
    const orderId = await confirmedOrder();
    const marker = () => outboxAdd([{ type: 'OrderCancelled', aggregateId: orderId, occurredAt: new Date(), payload: {} }]);
    // A marker event after the order's own: once it arrived, they were all fanned out, before \`live\` existed.
    await marker();
    await until(() => receiver.received.length >= 1, 'the first marker');
    const live = await subscribe(['order.shipped']);
    await outboxAdd([{ type: 'OrderShipped', aggregateId: orderId, occurredAt: new Date(), payload: {} }], true);
    await marker();
    await until(() => receiver.received.length >= 2, 'the second marker');
    await settle(300);
    expect(receiver.received.map((h) => JSON.parse(h.body).type)).toEqual(['order.cancelled', 'order.cancelled']);
    expect(await deliveries(inactive.id)).toEqual([]);
    expect(await deliveries(live.id)).toEqual([]);
    expect(await deliveries(other.id)).toHaveLength(2);
  });

  it('retries after 500s with the same webhook-id and body until a 2xx', async () => {
    receiver.behave((_hook, i) => ({ status: i < 2 ? 500 : 200 }));
    const endpoint = await subscribe(['order.confirmed']);
    await confirmedOrder();
    await until(() => receiver.received.length === 3, 'three attempts');
    const [a, b, c] = receiver.received;
    expect(new Set([a, b, c].map((h) => h!.headers['webhook-id'])).size).toBe(1);
    expect(new Set([a, b, c].map((h) => h!.body)).size).toBe(1);
    for (const h of [a, b, c]) expect(verifyReference(endpoint.secret, h!)).toBe(true);
    await until(async () => (await deliveries(endpoint.id))[0]?.status === 'succeeded', 'success recorded');
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ attempts: 3, lastStatusCode: 200 });
  });

  it('treats a timeout and a redirect as failures (redirects are not followed) and retries', async () => {
    receiver.behave((_hook, i) => (i === 0 ? 'hang' : i === 1 ? { status: 302 } : { status: 201 }));
    const endpoint = await subscribe(['order.confirmed']);
    await confirmedOrder();
    await until(() => receiver.received.length === 3, 'three attempts');
    await until(async () => (await deliveries(endpoint.id))[0]?.status === 'succeeded', 'success recorded');
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ attempts: 3, lastStatusCode: 201 });
    expect(receiver.received.every((h) => h.headers.host === new URL(receiver.url).host)).toBe(true);
  });

  it('gives up after the retry window (failed, counted on /metrics), and a manual retry sends it again', async () => {
    receiver.behave(() => ({ status: 503 }));
    const endpoint = await subscribe(['order.confirmed']);
    await confirmedOrder();
    await until(async () => (await deliveries(endpoint.id))[0]?.status === 'failed', 'the delivery to fail', 15_000);
    const failed = (await deliveries(endpoint.id, '?status=failed'))[0]!;
    expect(failed).toMatchObject({ lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: null });
    expect(failed.attempts as number).toBeGreaterThan(2);
    expect(await deliveries(endpoint.id, '?status=pending')).toEqual([]);
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^webhook_deliveries\{status="failed"\} 1$/m);
    expect(metrics).toMatch(/^webhook_deliveries\{status="pending"\} 0$/m);
    expect(metrics).toMatch(/^webhook_deliveries_total\{outcome="failed"\} [1-9]/m);
    expect(metrics).toMatch(/^webhook_deliveries_total\{outcome="retrying"\} [1-9]/m);

    receiver.behave(() => ({ status: 200 }));
    const before = receiver.received.length;
    const retried = await t.app.inject({ method: 'POST', url: `/webhooks/${endpoint.id}/deliveries/${failed.id as string}/retry`, headers: admin });
    expect(retried.statusCode, retried.body).toBe(202);
    expect(retried.json()).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 });
    await until(async () => (await deliveries(endpoint.id))[0]?.status === 'succeeded', 'the retried delivery');
    expect(receiver.received.length).toBe(before + 1);
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/^webhook_deliveries_total\{outcome="succeeded"\} [1-9]/m);
  });

  it('signs with the new secret once it is rotated, and never with the old one again', async () => {
    const endpoint = await subscribe(['order.confirmed']);
    const rotated = (await t.app.inject({ method: 'POST', url: `/webhooks/${endpoint.id}/rotate-secret`, headers: admin })).json();
    await confirmedOrder();
    await until(() => receiver.received.length === 1, 'the delivery');
    expect(verifyReference(rotated.secret as string, receiver.received[0]!)).toBe(true);
    expect(verifyReference(endpoint.secret, receiver.received[0]!)).toBe(false);
  });

  it('a dead endpoint does not hold up a healthy one', async () => {
    const slow = await startWebhookReceiver(() => 'hang');
    try {
      const dead = await subscribe(['order.confirmed'], slow.url);
      await subscribe(['order.confirmed']);
      for (let i = 0; i < 6; i++) await confirmedOrder();
      await until(() => receiver.received.length === 6, 'six deliveries to the healthy endpoint');
      // The healthy endpoint has everything while the dead one's deliveries are still being tried: nothing waited for them.
      const deadLog = await deliveries(dead.id);
      expect(deadLog).toHaveLength(6);
      expect(deadLog.some((d) => d.status === 'pending')).toBe(true);
    } finally {
      await slow.close();
    }
  });
});
