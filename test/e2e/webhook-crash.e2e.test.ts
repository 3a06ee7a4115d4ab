import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../support/databases.js';
import { ensureBuilt, startServer } from '../support/server-process.js';
import { startWebhookReceiver, verifyReference } from '../support/webhook-receiver.js';

const call = async (base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
};

const until = async (done: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** kill -9 while a webhook is on the wire: after the restart it is sent again, with the same webhook-id and body (at least once). */
describe.each(sqlTargets)('webhooks across kill -9 on $name', (target) => {
  beforeAll(() => ensureBuilt());

  it('a delivery in flight when the process dies is delivered after the restart, same id, same body, same signature secret', async () => {
    const db = await target.create();
    // The receiver never answers the first attempt: the app dies with it in flight.
    const receiver = await startWebhookReceiver((_hook, i) => (i === 0 ? 'hang' : { status: 200 }));
    const env = {
      DATABASE_URL: db.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'orders-webhook-crash-')),
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456',
      LOG_LEVEL: 'warn',
      RUN_WORKER: 'true',
      OUTBOX_POLL_MS: '50',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_TIMEOUT_MS: '5000',
      WEBHOOK_LEASE_MS: '6000',
    };
    try {
      execFileSync(process.execPath, ['dist/src/cli.js', 'create-admin', '--email', 'root@example.com', '--password', 'root password'], { env: { ...process.env, ...env } });
      let server = await startServer(env);
      const token = (await call(server.baseUrl, '/auth/token', { method: 'POST', body: { email: 'root@example.com', password: 'root password' } })).body.access_token as string;
      const endpoint = (await call(server.baseUrl, '/webhooks', { method: 'POST', token, body: { url: receiver.url, events: ['user.registered'] } })).body;
      expect(endpoint.secret).toMatch(/^whsec_/);
      const user = (await call(server.baseUrl, '/users', { method: 'POST', body: { email: 'crash@example.com', password: 'crash password' } })).body;
      await until(() => receiver.received.length === 1, 'the first attempt');
      await server.stop('SIGKILL');

      server = await startServer(env);
      try {
        // The lease of the dead process's claim runs out, and the new process sends it again.
        await until(() => receiver.received.length === 2, 'the attempt after the restart');
        const [first, second] = receiver.received;
        expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
        expect(second!.body).toBe(first!.body);
        expect(verifyReference(endpoint.secret as string, second!)).toBe(true);
        expect(JSON.parse(second!.body)).toMatchObject({ type: 'user.registered', data: { id: user.id } });
        const log = async () => (await call(server.baseUrl, `/webhooks/${endpoint.id as string}/deliveries`, { token })).body.items as Record<string, unknown>[];
        await until(async () => (await log())[0]?.status === 'succeeded', 'the success recorded');
        expect((await log())[0]).toMatchObject({ attempts: 2, lastStatusCode: 200 });
        expect(receiver.received).toHaveLength(2);
      } finally {
        await server.stop();
      }
    } finally {
      await receiver.close();
      await db.drop();
    }
  }, 60_000);
});
