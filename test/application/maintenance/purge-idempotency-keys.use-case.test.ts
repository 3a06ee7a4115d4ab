// Idempotency keys past their 24 h are deleted, on every store, and by the worker's schedule.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PurgeIdempotencyKeys } from '../../../src/application/maintenance/purge-idempotency-keys.use-case.js';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { IDEMPOTENCY_RETENTION_MS } from '../../../src/application/shared/idempotency.js';
import { sqlTargets } from '../../support/databases.js';
import { FakeHasher } from '../../support/fakes.js';
import type { TestDatabase } from '../../support/postgres.js';
import { buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';
import { T0, TestClock } from '../../support/use-case-harness.js';

const HOUR = 60 * 60 * 1000;
const userId = '00000000-0000-7000-8000-000000000001';
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(uowTargets)('PurgeIdempotencyKeys on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;
  let clock: TestClock;

  beforeEach(async () => {
    ({ uow, close } = await target.open());
    clock = new TestClock(T0);
  });
  afterEach(async () => close());

  const claim = (key: string, createdAt: Date) => uow.run((tx) => tx.idempotency.tryInsert({ userId, key }, 'f', createdAt, new Date(createdAt.getTime() + 60_000)));
  /** Null when the key is free (a new request would run); the record when it is still kept. */
  const stillKept = async (key: string) => (await uow.run((tx) => tx.idempotency.tryInsert({ userId, key }, 'probe', clock.now(), clock.now()))) !== null;

  it('deletes keys older than 24 h, completed or in flight, and keeps the younger ones', async () => {
    await claim('old-completed', at(0));
    await uow.run((tx) => tx.idempotency.complete({ userId, key: 'old-completed' }, { id: 'o-1' }));
    await claim('old-in-flight', at(HOUR));
    await claim('young', at(20 * HOUR));
    clock.advance(IDEMPOTENCY_RETENTION_MS + 2 * HOUR);

    expect(await new PurgeIdempotencyKeys({ uow, clock }).execute()).toBe(2);

    expect(await stillKept('old-completed')).toBe(false);
    expect(await stillKept('old-in-flight')).toBe(false);
    expect(await stillKept('young')).toBe(true);
  });

  it('keeps a key exactly 24 h old, and deletes nothing when nothing is due', async () => {
    await claim('boundary', at(0));
    clock.advance(IDEMPOTENCY_RETENTION_MS);
    expect(await new PurgeIdempotencyKeys({ uow, clock }).execute()).toBe(0);
    expect(await stillKept('boundary')).toBe(true);
  });
});

describe.each(sqlTargets)('the worker purges expired idempotency keys on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let clock: TestClock;

  beforeEach(async () => {
    clock = new TestClock(T0);
    db = await target.create();
    t = await buildTestApp(db, {}, { clock, hasher: new FakeHasher() });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  const countKeys = async () => Number((await t.services.database.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('a key used a day and a minute ago is gone after the housekeeping run; one used since stays', async () => {
    const post = async (key: string) => {
      // Access tokens live minutes and this test moves the clock by a day: log in afresh for each request.
      const token = await t.app.inject({ method: 'POST', url: '/auth/token', payload: { email: 'ada@example.com', password: 'correct horse battery' } });
      const auth = { authorization: `Bearer ${token.json().access_token as string}` };
      return t.app.inject({ method: 'POST', url: '/orders', headers: { ...auth, 'idempotency-key': key }, payload: { items: [] } });
    };
    await registerAndLogin(t.app, 'ada@example.com');
    expect((await post('first')).statusCode).toBe(201);
    clock.advance(IDEMPOTENCY_RETENTION_MS - HOUR);
    expect((await post('second')).statusCode).toBe(201);
    expect(await countKeys()).toBe(2);

    clock.advance(HOUR + 60_000);
    t.services.housekeeping.start(); // the first run starts at once
    await t.services.housekeeping.stop(); // and stop() waits for it
    expect(await countKeys()).toBe(1);
  });
});
