import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { outboxStats } from '../../../src/infrastructure/db/repositories/sql-outbox-admin.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { sqlTargets } from '../../support/databases.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import type { TestDatabase } from '../../support/postgres.js';
import { freePort } from '../../support/server-process.js';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink.js';
import { buildTestApp, type TestApp } from '../../support/test-app.js';

/** The dispatcher running inside the app, as in production, polling fast and retrying fast. */
const workerEnv = (smtpUrl: string) => ({
  SMTP_URL: smtpUrl,
  RUN_WORKER: 'true',
  OUTBOX_POLL_MS: '20',
  OUTBOX_RETRY_BASE_MS: '50',
  OUTBOX_RETRY_MAX_MS: '300',
  OUTBOX_MAX_ATTEMPTS: '100',
});

describe.each(sqlTargets)('email over a real SMTP server, app on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp | undefined;
  let sink: SmtpSink | undefined;

  beforeEach(async () => {
    db = await target.create();
  });
  afterEach(async () => {
    await t?.close();
    await sink?.close();
    await db.drop();
    t = undefined;
    sink = undefined;
  });

  const register = async (app: TestApp, email: string) => {
    const started = performance.now();
    const res = await app.app.inject({ method: 'POST', url: '/users', payload: { email, password: 'correct horse battery' } });
    return { status: res.statusCode, ms: performance.now() - started, user: res.json() as { id: string } };
  };

  it('delivers the welcome email and the order confirmation to the right people, with their content', async () => {
    sink = await startSmtpSink();
    t = await buildTestApp(db, workerEnv(sink.url));
    const { user } = await register(t, 'Ada@example.com');
    await register(t, 'someone.else@example.com');

    // The orders HTTP endpoints are not wired to SQL yet, so the confirmation event is
    // raised by the real Order aggregate and written through the unit of work, as ConfirmOrder does.
    const order = anOrder()
      .ownedBy(user.id)
      .withItem(aProduct().withName('Darjeeling <first flush>').withPrice('12.50', 'USD').build(), 2)
      .withItem(aProduct().withName('Teapot').withPrice('30.00', 'USD').build(), 1)
      .build();
    order.confirm(new Date());
    const uow = new KyselyUnitOfWork(t.services.database.db, sqlRepositories(new UuidV7IdGenerator()));
    await uow.run((tx) => tx.outbox.add(order.pullEvents()));

    await sink.waitUntil((m) => m.length === 3);
    const welcome = sink.messages.find((m) => m.envelopeTo.includes('Ada@example.com') && /welcome/i.test(m.subject));
    expect(welcome?.to).toBe('Ada@example.com');
    expect(welcome?.from).toBe('Orders <no-reply@orders.localhost>');
    expect(welcome?.text).toContain('Ada@example.com');
    expect(welcome?.messageId).toMatch(/^<[0-9a-f-]{36}@orders\.localhost>$/);

    const confirmation = sink.messages.find((m) => m.subject.includes(order.id));
    expect(confirmation?.envelopeTo).toEqual(['Ada@example.com']);
    expect(confirmation?.text).toContain(`order ${order.id} is confirmed`);
    expect(confirmation?.text).toContain('Darjeeling <first flush> × 2 at $12.50 = $25.00');
    expect(confirmation?.text).toContain('Teapot × 1 at $30.00 = $30.00');
    expect(confirmation?.text).toContain('Total: $55.00');
    expect(confirmation?.html).toContain('Darjeeling &lt;first flush&gt;');
    expect(confirmation?.html).toContain('$55.00');
    expect(sink.messages.filter((m) => m.envelopeTo.includes('someone.else@example.com'))).toHaveLength(1);
    await expectAllDone(t);
  });

  it('while SMTP is down, registration stays fast and every email arrives once the server is back', async () => {
    const port = await freePort();
    t = await buildTestApp(db, workerEnv(`smtp://127.0.0.1:${port}`));
    const emails = Array.from({ length: 8 }, (_, i) => `outage${i}@example.com`);
    const outageStarted = performance.now();
    let slowest = 0;
    for (const email of emails) {
      const { status, ms } = await register(t, email);
      expect(status).toBe(201);
      expect(ms).toBeLessThan(500);
      slowest = Math.max(slowest, ms);
    }
    // The dispatcher keeps trying, backing off, and nothing is lost or parked.
    const app = t;
    await until(async () => (await fewestAttempts(app)) >= 5);
    expect(await outboxStats(t.services.database.db)).toMatchObject({ pending: emails.length, dead: 0, done: 0 });

    sink = await startSmtpSink({ port });
    const back = performance.now();
    await sink.waitUntil((m) => emails.every((e) => m.some((x) => x.envelopeTo.includes(e))));
    const drainMs = performance.now() - back;
    await expectAllDone(t);
    const deliveries = sink.messages.length;
    console.info(
      `[outage on ${target.name}] events=${emails.length} deliveries=${deliveries} duplicates=${deliveries - emails.length} ` +
        `slowest registration ${Math.round(slowest)} ms, down for ${Math.round(back - outageStarted)} ms, drained ${Math.round(drainMs)} ms after SMTP came back`,
    );
    expect(deliveries).toBe(emails.length);
  });
});

/** The fewest delivery attempts any outbox row has had so far. */
const fewestAttempts = async (t: TestApp) =>
  Number(
    (
      await t.services.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.min('attempts').as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const until = async (done: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const expectAllDone = async (t: TestApp) => {
  await until(async () => (await outboxStats(t.services.database.db)).pending === 0);
  expect(await outboxStats(t.services.database.db)).toMatchObject({ pending: 0, dead: 0 });
};
