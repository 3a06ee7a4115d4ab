import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimedEvent } from '../../../src/application/ports/outbox-queue.port.js';
import type { DomainEvent } from '../../../src/domain/shared/domain-event.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { PostgresOutboxListener } from '../../../src/infrastructure/db/postgres/postgres-outbox-listener.js';
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
 * PostgreSQL: the dispatcher wakes on the NOTIFY the outbox insert sends (migration 0010),
 * not on a timer. Its poll interval here is 20 ms, so any polling would show up as dozens of
 * statements; the safety poll is ten minutes, so a prompt delivery can only be the wake-up.
 */
describe.skipIf(!postgresAvailable)('the outbox dispatcher on PostgreSQL wakes on NOTIFY', () => {
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

  const addEvent = async (aggregateId: string) => {
    const event: DomainEvent = { type: 'UserRegistered', occurredAt: new Date(), aggregateId, payload: { userId: aggregateId, email: `${aggregateId}@example.com` } };
    await new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator())).run((tx) => tx.outbox.add([event]));
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

  it('a rolled-back insert wakes nobody', async () => {
    await startIdle();
    const before = statements;
    await expect(
      database.db.transaction().execute(async (trx) => {
        const at = new Date().toISOString();
        await sql`INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at)
          VALUES ('rolled-back', 'UserRegistered', 'u', '{}', ${at}, 'pending', 0, ${at})`.execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await sleep(500);
    // BEGIN, the insert and ROLLBACK are the test's own; the dispatcher sent nothing.
    expect(statements - before).toBe(3);
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
