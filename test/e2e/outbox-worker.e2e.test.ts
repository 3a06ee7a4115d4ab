import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domain/shared/domain-event.js';
import { openDatabase, type Database } from '../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../src/infrastructure/db/migrate.js';
import { outboxStats } from '../../src/infrastructure/db/repositories/sql-outbox-admin.js';
import { SqlOutboxQueue } from '../../src/infrastructure/db/repositories/sql-outbox-queue.js';
import { sqlRepositories } from '../../src/infrastructure/db/sql-repositories.js';
import { SystemClock } from '../../src/infrastructure/system/system-clock.js';
import { UuidV7IdGenerator } from '../../src/infrastructure/system/uuid-v7-id-generator.js';
import { onlyOn, sqlTargets } from '../support/databases.js';
import type { TestDatabase } from '../support/postgres.js';
import { ensureBuilt } from '../support/server-process.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { buildTestApp } from '../support/test-app.js';

const EVENTS = 300;
const LEASE_MS = 1_000;

const until = async (done: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

// One build for every database below (npm test has already built; a lone run builds here).
beforeAll(() => ensureBuilt());

describe.each(sqlTargets)('the outbox worker process (`cli worker`) on $name', (target) => {
  let created: TestDatabase;
  let database: Database;
  let env: Record<string, string>;

  beforeEach(async () => {
    created = await target.create();
    database = openDatabase(created.url);
    await migrateToLatest(database);
    env = {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: created.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'orders-worker-')),
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      OUTBOX_LEASE_MS: String(LEASE_MS),
      OUTBOX_POLL_MS: '50',
    };
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  const addEvents = async (count: number) => {
    const now = new Date();
    const events: DomainEvent[] = Array.from({ length: count }, (_, i) => ({
      type: 'UserRegistered',
      occurredAt: now,
      aggregateId: `user-${i}`,
      payload: { userId: `user-${i}`, email: `user${i}@example.com` },
    }));
    await new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator())).run((tx) => tx.outbox.add(events));
  };

  const startWorker = (extraEnv: Record<string, string>) => {
    let output = '';
    const child = spawn(process.execPath, ['dist/src/cli.js', 'worker'], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, exited, output: () => output };
  };

  const cli = (...args: string[]) => execFileSync(process.execPath, ['dist/src/cli.js', ...args], { env, encoding: 'utf8' });

  it('a worker killed with SIGKILL mid-dispatch loses nothing: the next one delivers the rest, re-sends under the same Message-ID', async () => {
    const sink: SmtpSink = await startSmtpSink({ delayMs: 10 });
    let workers: ChildProcess[] = [];
    try {
      await addEvents(EVENTS);
      const first = startWorker({ SMTP_URL: sink.url });
      workers.push(first.child);
      await sink.waitUntil((m) => m.length >= EVENTS / 3, 20_000);
      // Freeze the worker mid-batch: its messages reach the server but are never acknowledged.
      sink.pause();
      await until(() => sink.held > 0);
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      const killedAt = performance.now();
      const leftBehind = await database.db.selectFrom('outbox').select('id').where('status', '=', 'pending').where('locked_until', 'is not', null).execute();
      // The server keeps what it had received: those events reach their recipients twice.
      const receivedUnacknowledged = sink.held;
      sink.resume();
      const deliveredBeforeKill = sink.messages.length;

      const second = startWorker({ SMTP_URL: sink.url });
      workers.push(second.child);
      await until(async () => (await outboxStats(database.db)).done === EVENTS);
      const drainMs = performance.now() - killedAt;
      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
      workers = [];

      const rows = await database.db.selectFrom('outbox').select(['id', 'payload']).execute();
      const deliveries = sink.messages.length;
      console.info(
        `[SIGKILL on ${target.name}] events=${EVENTS} received before kill=${deliveredBeforeKill} (${receivedUnacknowledged} never acknowledged) ` +
          `leased-but-unfinished at kill=${leftBehind.length} ` +
          `deliveries=${deliveries} duplicates=${deliveries - EVENTS} drained ${Math.round(drainMs)} ms after the kill (lease ${LEASE_MS} ms)`,
      );
      expect(leftBehind.length).toBeGreaterThan(0);
      expect(deliveries - EVENTS).toBeGreaterThanOrEqual(receivedUnacknowledged);
      for (const row of rows) {
        const email = (JSON.parse(row.payload) as { email: string }).email;
        const received = sink.messages.filter((m) => m.envelopeTo.includes(email));
        expect(received.length, email).toBeGreaterThanOrEqual(1);
        expect(new Set(received.map((m) => m.messageId)), email).toEqual(new Set([`<${row.id}@orders.localhost>`]));
      }
      expect(await outboxStats(database.db)).toMatchObject({ pending: 0, dead: 0, done: EVENTS });
    } finally {
      workers.forEach((w) => w.kill('SIGKILL'));
      await sink.close();
    }
  });

  onlyOn(target, 'postgres')('an API process without a dispatcher wakes a sleeping `cli worker` when it commits an event (no polling)', async () => {
    const sink: SmtpSink = await startSmtpSink();
    // The worker sleeps up to ten minutes when idle: only the API process's NOTIFY can bring the email in time.
    const worker = startWorker({ SMTP_URL: sink.url, OUTBOX_SAFETY_POLL_MS: '600000' });
    const api = await buildTestApp(created, { RUN_WORKER: 'false' });
    try {
      // Listening, and its first rounds over (nothing due): from here it sleeps.
      await until(async () => {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and query like 'LISTEN%'`.execute(database.db);
        return rows[0]?.n === 1;
      }, 10_000);
      await new Promise((r) => setTimeout(r, 500));
      const registered = await api.app.inject({ method: 'POST', url: '/users', payload: { email: 'woken@example.com', password: 'correct horse battery' } });
      expect(registered.statusCode, registered.body).toBe(201);
      await sink.waitUntil((m) => m.some((mail) => mail.envelopeTo.includes('woken@example.com')), 5_000);
    } finally {
      await api.close();
      worker.child.kill('SIGTERM');
      await worker.exited;
      await sink.close();
    }
  });

  it('`cli outbox` shows counts and the dead rows\' errors; `cli outbox retry-dead` requeues them', async () => {
    await addEvents(3);
    const queue = new SqlOutboxQueue(database.db, database.dialect, new SystemClock());
    const [a, b, c] = await queue.claim(10, 60_000);
    await queue.complete(a?.id ?? '');
    await queue.fail(b?.id ?? '', 'Error: 550 5.1.1 no such mailbox', null);
    await queue.fail(c?.id ?? '', 'Error: 554 rejected', null);

    const report = cli('outbox');
    expect(report).toContain('pending: 0  dead: 2  done: 1');
    expect(report).toContain(`dead ${b?.id} UserRegistered after 1 attempt(s)`);
    expect(report).toContain('550 5.1.1 no such mailbox');
    expect(report).toContain('554 rejected');

    expect(cli('outbox', 'retry-dead')).toContain('requeued 2 dead event(s)');
    expect(await outboxStats(database.db)).toMatchObject({ pending: 2, dead: 0, done: 1 });
    expect(cli('outbox')).toContain('pending: 2  dead: 0  done: 1');
  });
});
