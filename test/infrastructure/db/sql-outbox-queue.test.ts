import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/domain/shared/domain-event.js';
import { aUser } from '../../support/mothers/user.mother.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { outboxStats, requeueDeadEvents } from '../../../src/infrastructure/db/repositories/sql-outbox-admin.js';
import { SqlOutboxQueue } from '../../../src/infrastructure/db/repositories/sql-outbox-queue.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { SequenceIds } from '../../support/fakes.js';
import { TestClock } from '../../support/use-case-harness.js';

const LEASE = 30_000;

describe.each(sqlTargets)('SqlOutboxQueue on $name', (target) => {
  let created: TestDatabase;
  let database: Database;
  let clock: TestClock;
  let uow: KyselyUnitOfWork;
  let queue: SqlOutboxQueue;

  beforeEach(async () => {
    created = await target.create();
    database = openDatabase(created.url);
    await migrateToLatest(database);
    clock = new TestClock();
    uow = new KyselyUnitOfWork(database.db, sqlRepositories(new SequenceIds('evt')));
    queue = new SqlOutboxQueue(database.db, database.dialect, clock);
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  const event = (n: number, at = clock.now()): DomainEvent => ({
    type: 'UserRegistered',
    occurredAt: at,
    aggregateId: `user-${n}`,
    payload: { userId: `user-${n}`, email: `user${n}@example.com` },
  });
  const add = (...events: DomainEvent[]) => uow.run((tx) => tx.outbox.add(events));
  const row = (id: string) => database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('claims due rows oldest first, up to the limit, with the event as it was written', async () => {
    await add(event(1, new Date(clock.now().getTime() - 2_000)), event(2, new Date(clock.now().getTime() - 1_000)), event(3));
    const claimed = await queue.claim(2, LEASE);
    expect(claimed.map((c) => c.event.aggregateId).sort()).toEqual(['user-1', 'user-2']);
    expect(claimed[0]).toMatchObject({ attempts: 1, event: { type: 'UserRegistered', payload: { email: expect.stringMatching(/@example\.com$/) } } });
    expect(claimed.every((c) => c.event.occurredAt instanceof Date)).toBe(true);
  });

  it('a claim is a lease: nobody else gets the row until it expires, then it is due again (a crashed worker)', async () => {
    await add(event(1));
    const [first] = await queue.claim(10, LEASE);
    const leased = await row(first?.id ?? '');
    expect(new Date(leased.locked_until ?? 0).getTime()).toBe(clock.now().getTime() + LEASE);
    expect(await queue.claim(10, LEASE)).toEqual([]);
    clock.advance(LEASE - 1);
    expect(await queue.claim(10, LEASE)).toEqual([]);
    clock.advance(1);
    const again = await queue.claim(10, LEASE);
    expect(again.map((c) => [c.id, c.attempts])).toEqual([[first?.id, 2]]);
  });

  it('complete marks the row done, never to be claimed again', async () => {
    await add(event(1));
    const [claimed] = await queue.claim(10, LEASE);
    await queue.complete(claimed?.id ?? '');
    expect(await row(claimed?.id ?? '')).toMatchObject({ status: 'done', locked_until: null });
    expect((await row(claimed?.id ?? '')).processed_at).not.toBeNull();
    clock.advance(LEASE * 10);
    expect(await queue.claim(10, LEASE)).toEqual([]);
  });

  it('completeAll marks a batch done in one write; a row already settled otherwise (dead) stays as it is', async () => {
    await add(event(1), event(2), event(3));
    const [a, b, c] = await queue.claim(10, LEASE);
    await queue.fail(c?.id ?? '', 'Error: 550 mailbox unavailable', null);
    await queue.completeAll([a?.id ?? '', b?.id ?? '', c?.id ?? '']);
    expect((await database.db.selectFrom('outbox').select(['id', 'status']).orderBy('id').execute()).map((r) => r.status).sort()).toEqual(['dead', 'done', 'done']);
    expect(await row(c?.id ?? '')).toMatchObject({ status: 'dead' });
    clock.advance(LEASE * 10);
    expect(await queue.claim(10, LEASE)).toEqual([]);
  });

  it('fail with a retry time keeps the row pending, due only from then, with its error', async () => {
    await add(event(1));
    const [claimed] = await queue.claim(10, LEASE);
    const id = claimed?.id ?? '';
    await queue.fail(id, 'Error: connection refused', new Date(clock.now().getTime() + 5_000));
    expect(await row(id)).toMatchObject({ status: 'pending', last_error: 'Error: connection refused', locked_until: null });
    clock.advance(4_999);
    expect(await queue.claim(10, LEASE)).toEqual([]);
    clock.advance(1);
    expect((await queue.claim(10, LEASE)).map((c) => c.id)).toEqual([id]);
  });

  it('fail without a retry time parks the row as dead; stats show it; retry-dead requeues it with fresh attempts', async () => {
    await add(event(1), event(2), event(3));
    const [a, b] = await queue.claim(10, LEASE);
    await queue.complete(a?.id ?? '');
    await queue.fail(b?.id ?? '', 'Error: 550 mailbox unavailable', null);
    const stats = await outboxStats(database.db);
    expect(stats).toMatchObject({ pending: 1, dead: 1, done: 1 });
    expect(stats.recentDead).toEqual([
      { id: b?.id, type: 'UserRegistered', attempts: 1, lastError: 'Error: 550 mailbox unavailable', diedAt: clock.now() },
    ]);

    clock.advance(1_000);
    expect(await requeueDeadEvents(database.db, clock.now())).toBe(1);
    expect(await row(b?.id ?? '')).toMatchObject({ status: 'pending', attempts: 0 });
    // The third row is still leased; only the requeued row is due.
    const claimed = await queue.claim(10, LEASE);
    expect(claimed.map((r) => [r.id, r.attempts])).toEqual([[b?.id, 1]]);
  });

  it('a late outcome from a worker whose lease ran out does not undo a finished row', async () => {
    await add(event(1));
    const [slow] = await queue.claim(10, LEASE);
    clock.advance(LEASE);
    const [fast] = await queue.claim(10, LEASE);
    await queue.complete(fast?.id ?? '');
    await queue.fail(slow?.id ?? '', 'Error: timeout', new Date(clock.now().getTime() + 1_000));
    expect(await row(fast?.id ?? '')).toMatchObject({ status: 'done', last_error: null });
  });

  it('a transaction that rolls back leaves no outbox row', async () => {
    const user = aUser().build();
    await expect(
      uow.run(async (tx) => {
        await tx.users.insert(user);
        await tx.outbox.add([event(1)]);
        throw new Error('something later in the use case failed');
      }),
    ).rejects.toThrow('something later');
    expect(await database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
    expect(await queue.claim(10, LEASE)).toEqual([]);
    expect(await uow.read((tx) => tx.users.findById(user.id))).toBeNull();
  });
});
