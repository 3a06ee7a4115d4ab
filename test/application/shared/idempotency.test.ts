import { beforeEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_RETENTION_MS, idempotent } from '../../../src/application/shared/idempotency.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { refused } from '../../support/refusal.js';
import { TestClock } from '../../support/use-case-harness.js';

describe('idempotent()', () => {
  let uow: InMemoryUnitOfWork;
  let clock: TestClock;
  let executions: number;
  const request = { userId: 'u1', key: 'k1', fingerprint: 'f1' };

  /** A command that "creates" something and seals its response in the same transaction. */
  const command = (value: string) => (seal: (tx: never, r: { value: string; n: number }) => Promise<void>) =>
    uow.run(async (tx) => {
      executions += 1;
      const response = { value, n: executions };
      await seal(tx as never, response);
      return response;
    });

  beforeEach(() => {
    uow = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    clock = new TestClock();
    executions = 0;
  });

  it('runs once and replays the first response for the same key and fingerprint', async () => {
    const first = await idempotent({ uow, clock }, request, command('a'));
    const again = await idempotent({ uow, clock }, request, command('a'));
    expect(again).toEqual(first);
    expect(executions).toBe(1);
  });

  it('without a key, every call runs', async () => {
    await idempotent({ uow, clock }, undefined, command('a'));
    await idempotent({ uow, clock }, undefined, command('a'));
    expect(executions).toBe(2);
  });

  it('the same key with another fingerprint is refused (idempotency.key_reused)', async () => {
    await idempotent({ uow, clock }, request, command('a'));
    await expect(idempotent({ uow, clock }, { ...request, fingerprint: 'other' }, command('b'))).rejects.toMatchObject({ code: 'idempotency.key_reused' });
    expect(executions).toBe(1);
  });

  it('keys are scoped per user', async () => {
    await idempotent({ uow, clock }, request, command('a'));
    await idempotent({ uow, clock }, { ...request, userId: 'u2' }, command('a'));
    expect(executions).toBe(2);
  });

  it('a request still in flight makes a duplicate fail with idempotency.in_flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = idempotent({ uow, clock }, request, async (seal) => {
      await gate;
      return command('a')(seal);
    });
    await new Promise((r) => setTimeout(r, 5));
    await expect(idempotent({ uow, clock }, request, command('a'))).rejects.toMatchObject({ code: 'idempotency.in_flight' });
    release();
    await slow;
    expect(executions).toBe(1);
  });

  it('a failed attempt releases the key, so a retry runs again', async () => {
    await expect(
      idempotent({ uow, clock }, request, async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await idempotent({ uow, clock }, request, command('a'))).value).toBe('a');
  });

  it('a claim abandoned past its lease, or a key past retention, can be used again', async () => {
    // Simulate a process that died after claiming: claim, never seal or release.
    await uow.run((tx) => tx.idempotency.tryInsert(request, 'f1', clock.now(), new Date(clock.now().getTime() + IDEMPOTENCY_LEASE_MS)));
    await expect(idempotent({ uow, clock }, request, command('a'))).rejects.toMatchObject({ code: 'idempotency.in_flight' });
    clock.advance(IDEMPOTENCY_LEASE_MS + 1);
    expect((await idempotent({ uow, clock }, request, command('a'))).n).toBe(1);
    clock.advance(IDEMPOTENCY_RETENTION_MS + 1);
    expect((await idempotent({ uow, clock }, { ...request, fingerprint: 'new' }, command('b'))).value).toBe('b');
  });

  // The boundaries: what the lease and the 24 h retention promise, to the millisecond.
  describe('at the boundaries', () => {
    const claimAndDie = () =>
      uow.run((tx) => tx.idempotency.tryInsert(request, request.fingerprint, clock.now(), new Date(clock.now().getTime() + IDEMPOTENCY_LEASE_MS)));


    it('replays a completed request for 24 hours, long after its lease ran out', async () => {
      await idempotent({ uow, clock }, request, command('a'));
      clock.advance(23 * 60 * 60 * 1000);
      expect(await idempotent({ uow, clock }, request, command('b'))).toEqual({ value: 'a', n: 1 });
      clock.advance(60 * 60 * 1000);
      expect(await idempotent({ uow, clock }, request, command('b'))).toEqual({ value: 'a', n: 1 });
      expect(executions).toBe(1);
      expect(IDEMPOTENCY_RETENTION_MS).toBe(24 * 60 * 60 * 1000);
    });

    it('forgets a key only after 24 hours', async () => {
      await idempotent({ uow, clock }, request, command('a'));
      clock.advance(IDEMPOTENCY_RETENTION_MS + 1);
      expect(await idempotent({ uow, clock }, request, command('b'))).toEqual({ value: 'b', n: 2 });
    });

    it('a claim is abandoned from the instant its lease ends', async () => {
      await claimAndDie();
      clock.advance(IDEMPOTENCY_LEASE_MS - 1);
      expect((await refused(idempotent({ uow, clock }, request, command('a')))).code).toBe('idempotency.in_flight');
      clock.advance(1);
      expect(await idempotent({ uow, clock }, request, command('a'))).toEqual({ value: 'a', n: 1 });
    });

    it('losing the race to take over an abandoned claim is idempotency.in_flight, and runs nothing', async () => {
      await claimAndDie();
      clock.advance(IDEMPOTENCY_LEASE_MS);
      const losing = new InMemoryUnitOfWork(uow.store, (store) => {
        const repositories = inMemoryRepositories(store);
        const real = repositories.idempotency;
        return {
          ...repositories,
          idempotency: {
            tryInsert: (...args) => real.tryInsert(...args),
            takeOver: async () => false,
            complete: (...args) => real.complete(...args),
            release: (...args) => real.release(...args),
            purgeCreatedBefore: (...args) => real.purgeCreatedBefore(...args),
          },
        };
      });
      expect((await refused(idempotent({ uow: losing, clock }, request, command('a')))).code).toBe('idempotency.in_flight');
      expect(executions).toBe(0);
    });

    it('a reused key names the Idempotency-Key header', async () => {
      await idempotent({ uow, clock }, request, command('a'));
      const error = await refused(idempotent({ uow, clock }, { ...request, fingerprint: 'other' }, command('b')));
      expect(error.issues.map((i) => i.path)).toEqual(['Idempotency-Key']);
    });
  });
});
