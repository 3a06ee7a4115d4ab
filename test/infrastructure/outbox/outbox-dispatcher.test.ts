import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimedEvent } from '../../../src/application/ports/outbox-queue.port.js';
import type { DomainEvent } from '../../../src/domain/shared/domain-event.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { outboxStats } from '../../../src/infrastructure/db/repositories/sql-outbox-admin.js';
import { SqlOutboxQueue } from '../../../src/infrastructure/db/repositories/sql-outbox-queue.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { OutboxDispatcher, type DispatcherOptions } from '../../../src/infrastructure/outbox/outbox-dispatcher.js';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { SequenceIds } from '../../support/fakes.js';
import { TestClock } from '../../support/use-case-harness.js';

const options: DispatcherOptions = {
  batchSize: 10,
  leaseMs: 30_000,
  maxAttempts: 3,
  pollMs: 20,
  retry: { baseMs: 1_000, maxMs: 60_000 },
  random: () => 0.5,
};

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const until = async (done: () => boolean | Promise<boolean>, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each(sqlTargets)('OutboxDispatcher on $name', (target) => {
  let created: TestDatabase;
  let database: Database;
  let clock: TestClock;
  let queue: SqlOutboxQueue;
  let delivered: ClaimedEvent[];
  let deliver: (entry: ClaimedEvent) => Promise<unknown>;
  let dispatcher: OutboxDispatcher;

  beforeEach(async () => {
    created = await target.create();
    database = openDatabase(created.url);
    await migrateToLatest(database);
    clock = new TestClock();
    queue = new SqlOutboxQueue(database.db, database.dialect, clock);
    delivered = [];
    deliver = async (entry) => void delivered.push(entry);
    dispatcher = new OutboxDispatcher({ queue, deliver: (entry) => deliver(entry), clock, logger: silent, options });
  });
  afterEach(async () => {
    await dispatcher.stop();
    await database.close();
    await created.drop();
  });

  const add = async (count: number) => {
    const uow = new KyselyUnitOfWork(database.db, sqlRepositories(new SequenceIds(`evt-${Date.now()}`)));
    const events: DomainEvent[] = Array.from({ length: count }, (_, i) => ({
      type: 'UserRegistered',
      occurredAt: clock.now(),
      aggregateId: `user-${i}`,
      payload: { userId: `user-${i}`, email: `user${i}@example.com` },
    }));
    await uow.run((tx) => tx.outbox.add(events));
  };
  const rows = () => database.db.selectFrom('outbox').selectAll().orderBy('id').execute();

  it('delivers every due event once and marks it done', async () => {
    await add(3);
    expect(await dispatcher.dispatchOnce()).toBe(3);
    expect(delivered.map((d) => d.event.aggregateId).sort()).toEqual(['user-0', 'user-1', 'user-2']);
    expect((await rows()).map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(await dispatcher.dispatchOnce()).toBe(0);
    expect(delivered).toHaveLength(3);
  });

  it('retries a failed delivery after an exponentially growing, jittered delay', async () => {
    await add(1);
    deliver = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:25');
    };
    await dispatcher.dispatchOnce();
    const [afterFirst] = await rows();
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: connect ECONNREFUSED 127.0.0.1:25' });
    // attempt 1: random 0.5 × base 1 s = 500 ms
    clock.advance(499);
    expect(await dispatcher.dispatchOnce()).toBe(0);
    clock.advance(1);
    expect(await dispatcher.dispatchOnce()).toBe(1);
    // attempt 2: 0.5 × 2 s = 1 s
    clock.advance(999);
    expect(await dispatcher.dispatchOnce()).toBe(0);
    deliver = async (entry) => void delivered.push(entry);
    clock.advance(1);
    expect(await dispatcher.dispatchOnce()).toBe(1);
    expect(await rows()).toMatchObject([{ status: 'done', attempts: 3 }]);
    expect(delivered).toHaveLength(1);
  });

  it('parks an event as dead with its last error after the maximum attempts', async () => {
    await add(1);
    let calls = 0;
    deliver = async () => {
      calls += 1;
      throw new Error(`550 mailbox unavailable (try ${calls})`);
    };
    for (let i = 0; i < 5; i++) {
      await dispatcher.dispatchOnce();
      clock.advance(options.retry.maxMs);
    }
    expect(calls).toBe(options.maxAttempts);
    expect(await rows()).toMatchObject([{ status: 'dead', attempts: 3, last_error: 'Error: 550 mailbox unavailable (try 3)' }]);
    expect(await outboxStats(database.db)).toMatchObject({ pending: 0, dead: 1, done: 0 });
  });

  it('parks an event whose deliveries never finish (it keeps killing its worker) without delivering it again', async () => {
    await add(1);
    // Workers that died mid-delivery: claims whose leases simply ran out.
    for (let i = 0; i < options.maxAttempts; i++) {
      await queue.claim(10, options.leaseMs);
      clock.advance(options.leaseMs);
    }
    expect(await dispatcher.dispatchOnce()).toBe(1);
    expect(delivered).toEqual([]);
    expect(await rows()).toMatchObject([{ status: 'dead', attempts: 4, last_error: expect.stringMatching(/workers died/) }]);
  });

  it('runs in the background until stopped, picking up new events as they come', async () => {
    dispatcher.start();
    await add(2);
    await until(() => delivered.length === 2);
    await add(25);
    await until(() => delivered.length === 27);
    await dispatcher.stop();
    expect((await rows()).every((r) => r.status === 'done')).toBe(true);
  });

  it('prepares a claimed batch once, before delivering its rows; a failed preparation still delivers every row', async () => {
    await add(3);
    const steps: string[] = [];
    let failPreparation = false;
    const warnings: string[] = [];
    dispatcher = new OutboxDispatcher({
      queue,
      prepareBatch: async (batch) => {
        steps.push(`prepare ${batch.length}`);
        if (failPreparation) throw new Error('database hiccup');
      },
      deliver: async (entry) => void steps.push(`deliver ${entry.event.aggregateId}`),
      clock,
      logger: { ...silent, warn: (_: object, msg: string) => void warnings.push(msg) },
      options,
    });
    expect(await dispatcher.dispatchOnce()).toBe(3);
    expect(steps[0]).toBe('prepare 3');
    expect(steps.slice(1).sort()).toEqual(['deliver user-0', 'deliver user-1', 'deliver user-2']);
    failPreparation = true;
    steps.length = 0;
    await add(1);
    expect(await dispatcher.dispatchOnce()).toBe(1);
    expect(steps).toEqual(['prepare 1', 'deliver user-0']);
    expect(warnings).toEqual(['outbox batch preparation failed; each event is handled on its own']);
    expect(await dispatcher.dispatchOnce()).toBe(0);
    expect(steps).toHaveLength(2);
  });

  it('keeps going after a round fails (database hiccup)', async () => {
    let failures = 1;
    const flaky = {
      claim: (limit: number, leaseMs: number) => (failures-- > 0 ? Promise.reject(new Error('connection terminated')) : queue.claim(limit, leaseMs)),
      complete: (id: string) => queue.complete(id),
      fail: (id: string, error: string, at: Date | null) => queue.fail(id, error, at),
    };
    const errors: string[] = [];
    const logger = { ...silent, error: (_: object, msg: string) => void errors.push(msg) };
    dispatcher = new OutboxDispatcher({ queue: flaky, deliver, clock, logger, options });
    await add(1);
    dispatcher.start();
    await until(() => delivered.length === 1);
    expect(errors).toEqual(['outbox dispatch round failed']);
  });

  it('stop() waits for the in-flight batch to finish before resolving', async () => {
    await add(2);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    deliver = async (entry) => {
      await gate;
      delivered.push(entry);
    };
    dispatcher.start();
    await until(async () => (await rows()).every((r) => r.locked_until !== null));
    let stopped = false;
    const stopping = dispatcher.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(delivered).toHaveLength(2);
    expect((await rows()).map((r) => r.status)).toEqual(['done', 'done']);
  });
});

describe('OutboxDispatcher under foreground load (options.load)', () => {
  /** A queue of `rows` due events, claimed in order; records when each claim happened. */
  const fakeQueue = (rows: number) => {
    let next = 0;
    const claims: number[] = [];
    const done: string[] = [];
    const queue = {
      claim: async (limit: number) => {
        claims.push(Date.now());
        const ids = Array.from({ length: Math.min(limit, rows - next) }, () => `evt-${next++}`);
        return ids.map((id) => ({ id, attempts: 1, event: { type: 'UserRegistered', userId: 'u', email: 'a@example.com' } as unknown as DomainEvent }));
      },
      complete: async (id: string) => void done.push(id),
      fail: async () => undefined,
    };
    return { queue, claims, done };
  };
  const run = async (busy: () => boolean, pollMs: number, rows: number, forMs: number) => {
    const q = fakeQueue(rows);
    const dispatcher = new OutboxDispatcher({
      queue: q.queue,
      deliver: async () => undefined,
      clock: new TestClock(),
      logger: silent,
      options: { ...options, pollMs, load: { busy } },
    });
    dispatcher.start();
    await new Promise((r) => setTimeout(r, forMs));
    await dispatcher.stop();
    return q;
  };

  it('drains a backlog batch after batch while the server is not busy', async () => {
    const { done } = await run(() => false, 10_000, 50, 100);
    expect(done).toHaveLength(50);
  });

  it('waits pollMs between full batches while busy, yet keeps delivering', async () => {
    const busy = await run(() => true, 60, 50, 200);
    // One batch at once, then one per 60 ms: 3–4 batches in 200 ms, not all 5.
    expect(busy.done.length).toBeGreaterThanOrEqual(30);
    expect(busy.done.length).toBeLessThan(50);
    const gaps = busy.claims.slice(1).map((t, i) => t - (busy.claims[i] ?? t));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(50);
  });
});

describe('OutboxDispatcher with a queue that completes batches (completeAll)', () => {
  it('records the delivered rows of a batch in one write once all are settled; a failed one is recorded as failed, not done', async () => {
    const calls: string[] = [];
    const entry = (id: string): ClaimedEvent => ({ id, attempts: 1, event: { type: 'UserRegistered', occurredAt: new Date(), aggregateId: id, payload: {} } });
    const queue = {
      claim: async () => [entry('a'), entry('b'), entry('c')],
      complete: async (id: string) => void calls.push(`complete ${id}`),
      completeAll: async (ids: readonly string[]) => void calls.push(`completeAll ${[...ids].sort().join(',')}`),
      fail: async (id: string) => void calls.push(`fail ${id}`),
    };
    const dispatcher = new OutboxDispatcher({
      queue,
      deliver: async (e) => {
        if (e.id === 'b') throw new Error('smtp down');
      },
      clock: new TestClock(),
      logger: silent,
      options,
    });
    expect(await dispatcher.dispatchOnce()).toBe(3);
    expect(calls).toEqual(['fail b', 'completeAll a,c']);
  });
});
