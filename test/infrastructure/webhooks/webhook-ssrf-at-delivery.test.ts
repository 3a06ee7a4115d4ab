import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildLoggingTestApp, buildTestApp, type TestApp } from '../../support/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

const until = async (done: () => Promise<boolean>, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(sqlTargets)('the SSRF guard at delivery time on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    db = await target.create();
    receiver = await startWebhookReceiver();
    t = await buildTestApp(db, { RUN_WORKER: 'true', OUTBOX_POLL_MS: '20', WEBHOOK_POLL_MS: '20' });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
    await db.drop();
  });

  it.each(['localhost', '127.0.0.1', '[::ffff:127.0.0.1]'])(
    'never connects to %s even when the stored URL points there (DNS changed after the check: rebinding)',
    async (host) => {
      const { auth } = await adminAndLogin(t, `admin-${host.replace(/\W/g, '')}@example.com`);
      // Created while the name resolved outside (an address no one answers on), then moved inside behind the API's back.
      const created = await t.app.inject({ method: 'POST', url: '/webhooks', headers: auth, payload: { url: 'https://203.0.114.10/', events: ['user.registered'] } });
      expect(created.statusCode).toBe(201);
      const port = new URL(receiver.url).port;
      await t.services.database.db.updateTable('webhook_endpoints').set({ url: `http://${host}:${port}/hooks` }).where('id', '=', created.json().id).execute();
      await t.app.inject({ method: 'POST', url: '/users', payload: { email: `victim-${host.replace(/\W/g, '')}@example.com`, password: 'correct horse battery' } });
      const log = async () =>
        (await t.app.inject({ method: 'GET', url: `/webhooks/${created.json().id as string}/deliveries`, headers: auth })).json().items as Record<string, unknown>[];
      await until(async () => ((await log())[0]?.attempts as number | undefined ?? 0) >= 1 && (await log())[0]?.lastError != null, 'the refused attempt');
      expect((await log())[0]).toMatchObject({ status: 'pending', lastStatusCode: null, lastError: 'address refused by the SSRF policy' });
      expect(receiver.received).toEqual([]);
    },
  );
});

describe.each(sqlTargets)('webhook secrets and logs on $name', (target) => {
  it('the secret never reaches a log line', async () => {
    const db = await target.create();
    const t = await buildLoggingTestApp(db);
    try {
      await t.services.useCases.createAdmin.execute({ email: 'root@example.com', password: 'root password' });
      const token = (await t.app.inject({ method: 'POST', url: '/auth/token', payload: { email: 'root@example.com', password: 'root password' } })).json().access_token as string;
      const created = await t.app.inject({ method: 'POST', url: '/webhooks', headers: { authorization: `Bearer ${token}` }, payload: { url: 'https://203.0.114.10/', events: ['order.created'] } });
      expect(created.statusCode).toBe(201);
      const secret = created.json().secret as string;
      expect(t.log()).toContain('/webhooks');
      expect(t.log()).not.toContain(secret.slice('whsec_'.length, 20));
    } finally {
      await t.close();
      await db.drop();
    }
  });
});
