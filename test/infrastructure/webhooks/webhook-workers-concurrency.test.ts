import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, type TestApp } from '../../support/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

const DELIVERIES = 300;

const until = async (done: () => boolean, what: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

// PostgreSQL: the database for many nodes (SQLite has one writer, and one node).
describe.each(sqlTargets.filter((t) => t.name === 'postgres'))('two app instances delivering from one database on $name', (target) => {
  let db: TestDatabase;
  let apps: TestApp[];
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    db = await target.create();
    receiver = await startWebhookReceiver(() => ({ status: 200, delayMs: 5 }));
    const env = { RUN_WORKER: 'false', WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_POLL_MS: '10', WEBHOOK_CONCURRENCY: '8', WEBHOOK_CONCURRENCY_PER_ENDPOINT: '8' };
    apps = [await buildTestApp(db, env), await buildTestApp(db, env)];
  });
  afterEach(async () => {
    for (const app of apps) await app.close();
    await receiver.close();
    await db.drop();
  });

  it('never send one delivery twice, nor at the same time, while sharing the work (FOR UPDATE SKIP LOCKED)', async () => {
    const [a, b] = apps as [TestApp, TestApp];
    const { auth } = await adminAndLogin(a);
    const endpoint = (await a.app.inject({ method: 'POST', url: '/webhooks', headers: auth, payload: { url: receiver.url, events: ['order.created'] } })).json();
    const now = new Date();
    await a.services.database.db
      .insertInto('webhook_deliveries')
      .values(
        Array.from({ length: DELIVERIES }, (_, i) => ({
          id: `d-${String(i).padStart(4, '0')}`,
          endpoint_id: endpoint.id as string,
          event_id: `event-${i}`,
          event_type: 'order.created',
          payload: JSON.stringify({ id: `event-${i}`, type: 'order.created', createdAt: now.toISOString(), data: {} }),
          status: 'pending',
          attempts: 0,
          next_attempt_at: now.toISOString(),
          window_start: now.toISOString(),
          created_at: now.toISOString(),
        })),
      )
      .execute();
    // Count who sent what: each process's worker tallies its own successes.
    a.services.webhookWorker.start();
    b.services.webhookWorker.start();
    await until(() => receiver.received.length >= DELIVERIES, 'every delivery');
    await new Promise((r) => setTimeout(r, 300));
    const ids = receiver.received.map((h) => String(h.headers['webhook-id']));
    expect(ids).toHaveLength(DELIVERIES);
    expect(new Set(ids).size).toBe(DELIVERIES);
    expect(receiver.maxConcurrentPerId()).toBe(1);
    const byA = a.services.webhookWorker.outcomes().get('succeeded') ?? 0;
    const byB = b.services.webhookWorker.outcomes().get('succeeded') ?? 0;
    expect(byA + byB).toBe(DELIVERIES);
    // Both took part (neither waited for the other's locks).
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
  });
});
