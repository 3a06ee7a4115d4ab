import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimedEvent } from '../../../src/application/ports/outbox-queue.port.js';
import type { DomainEvent } from '../../../src/domain/shared/domain-event.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { OUTBOX_CHANNEL } from '../../../src/infrastructure/db/migrations/0010-outbox-notify.js';
import { PostgresOutboxListener } from '../../../src/infrastructure/db/postgres/postgres-outbox-listener.js';
import { PostgresOutboxNotifier } from '../../../src/infrastructure/db/postgres/postgres-outbox-notifier.js';
import { postgresClientConfig } from '../../../src/infrastructure/db/postgres/postgres-pool.js';
import { requeueDeadEvents } from '../../../src/infrastructure/db/repositories/sql-outbox-admin.js';
import { SqlOutboxQueue } from '../../../src/infrastructure/db/repositories/sql-outbox-queue.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { OutboxDispatcher } from '../../../src/infrastructure/outbox/outbox-dispatcher.js';
import { SystemClock } from '../../../src/infrastructure/system/system-clock.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from '../../support/postgres.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/*
 * PostgreSQL: the dispatcher wakes on work, not on a timer — events committed in its own process
 * wake it directly; another process's commits, through the NOTIFY that process sends after
 * committing (migration 0014). Its poll interval here is 20 ms, so any polling would show up as
 * dozens of statements; the safety poll is ten minutes, so a prompt delivery can only be a wake-up.
 */
describe.skipIf(!postgresAvailable)('the outbox dispatcher on PostgreSQL wakes on work', () => {
  let created: TestDatabase;
  let database: Database;
  let statements: number;
  let listener: PostgresOutboxListener;
  let dispatcher: OutboxDispatcher;
  let delivered: ClaimedEvent[];
  const clock = new SystemClock();

  beforeEach(async () => {
    created = await createPostgresDatabase();
    statements = 0;
    database = openDatabase(created.url, { onStatement: () => (statements += 1) });
    await migrateToLatest(database);
    delivered = [];
    listener = new PostgresOutboxListener(postgresClientConfig(created.url, 5_000), silent, { firstDelayMs: 200, maxDelayMs: 400 });
    dispatcher = new OutboxDispatcher({
      queue: new SqlOutboxQueue(database.db, database.dialect, clock),
      deliver: async (entry) => void delivered.push(entry),
      clock,
      logger: silent,
      options: { batchSize: 10, leaseMs: 30_000, maxAttempts: 3, pollMs: 20, safetyPollMs: 600_000, retry: { baseMs: 1_000, maxMs: 60_000 } },
      wakeUps: listener,
    });
  });
  afterEach(async () => {
    await dispatcher.stop();
    await database.close();
    await created.drop();
  });

  const anEvent = (aggregateId: string): DomainEvent => ({
    type: 'UserRegistered',
    occurredAt: new Date(),
    aggregateId,
    payload: { userId: aggregateId, email: `${aggregateId}@example.com` },
  });
  /** A unit of work that calls `wake` after a commit that added events, as the composition root wires it. */
  const unitOfWork = (wake: () => void) => new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator()), database.db, wake);
  /** Commits an event from another process: one without a dispatcher, which notifies the others after its commit. */
  const addEvent = async (aggregateId: string) => {
    const notifier = PostgresOutboxNotifier.over(database.db, silent);
    await unitOfWork(() => notifier.notify()).run((tx) => tx.outbox.add([anEvent(aggregateId)]));
    await notifier.settled();
  };
  /** Runs `work` while a connection of its own listens on the outbox channel; `heard` collects what arrives. */
  const overhearing = async (work: (heard: readonly string[]) => Promise<void>) => {
    const client = new pg.Client({ connectionString: created.url });
    client.on('error', () => undefined);
    const heard: string[] = [];
    client.on('notification', (n) => heard.push(n.channel));
    await client.connect();
    try {
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      await work(heard);
    } finally {
      await client.end();
    }
  };
  /** Started, listening, and its first round (claim, then the next-due look-up) over. */
  const startIdle = async () => {
    dispatcher.start();
    await expect.poll(() => listener.listening, { timeout: 5_000 }).toBe(true);
    await expect.poll(() => statements, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await sleep(200);
  };

  it('sends no statement while idle, and delivers a new event as soon as it commits', async () => {
    await startIdle();
    const before = statements;
    await sleep(1_500);
    expect(statements - before).toBe(0);

    await addEvent('user-1');
    await expect.poll(() => delivered.map((d) => d.event.aggregateId), { timeout: 5_000 }).toEqual(['user-1']);
  });

  it('an event committed in the dispatcher\'s own process wakes it directly, without a NOTIFY', async () => {
    await startIdle();
    await overhearing(async (heard) => {
      await unitOfWork(() => dispatcher.workAdded()).run((tx) => tx.outbox.add([anEvent('local')]));
      await expect.poll(() => delivered.map((d) => d.event.aggregateId), { timeout: 5_000 }).toEqual(['local']);
      await sleep(200);
      expect(heard).toEqual([]);
    });
  });

  it('a rolled-back event wakes nobody, and a raw insert no longer notifies (no trigger)', async () => {
    await startIdle();
    await overhearing(async (heard) => {
      const before = statements;
      let woken = 0;
      await expect(
        unitOfWork(() => void (woken += 1)).run(async (tx) => {
          await tx.outbox.add([anEvent('rolled-back')]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await sleep(500);
      // BEGIN and ROLLBACK (the pending row was never written); the dispatcher sent nothing.
      expect({ statements: statements - before, woken }).toEqual({ statements: 2, woken: 0 });

      const at = new Date().toISOString();
      await sql`INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at)
        VALUES ('raw', 'UserRegistered', 'u', '{}', ${at}, 'pending', 0, ${at})`.execute(database.db);
      await sleep(300);
      expect(heard).toEqual([]);
    });
  });

  it('re-opens a lost listening connection, then picks up what was committed meanwhile', async () => {
    await startIdle();
    const admin = new pg.Client({ connectionString: created.url });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      const { rows } = await admin.query(`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and query like 'LISTEN%'`);
      expect(rows).toEqual([{ ok: true }]);
      await expect.poll(() => listener.listening, { timeout: 5_000, interval: 5 }).toBe(false);
      await addEvent('while-away');
      await expect.poll(() => delivered.map((d) => d.event.aggregateId), { timeout: 5_000 }).toEqual(['while-away']);
      await expect.poll(() => listener.listening, { timeout: 5_000 }).toBe(true);
      await addEvent('after');
      await expect.poll(() => delivered.length, { timeout: 5_000 }).toBe(2);
    } finally {
      await admin.end();
    }
  });

  it('wakes by itself when a crashed worker\'s lease runs out (no notification for that)', async () => {
    await addEvent('orphan');
    // Another worker claims it for 500 ms and dies.
    await new SqlOutboxQueue(database.db, database.dialect, clock).claim(10, 500);
    await startIdle();
    expect(delivered).toEqual([]);
    await expect.poll(() => delivered.map((d) => d.event.aggregateId), { timeout: 5_000 }).toEqual(['orphan']);
  });

  it('`outbox retry-dead` wakes the dispatchers too', async () => {
    await addEvent('dead-one');
    const queue = new SqlOutboxQueue(database.db, database.dialect, clock);
    const [claimed] = await queue.claim(10, 30_000);
    await queue.fail(claimed?.id ?? '', 'Error: 550', null);
    await startIdle();
    expect(await requeueDeadEvents(database.db, new Date())).toBe(1);
    await expect.poll(() => delivered.map((d) => d.event.aggregateId), { timeout: 5_000 }).toEqual(['dead-one']);
  });
});
