import { beforeEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_RETENTION_MS, idempotent } from '../../../src/application/shared/idempotency.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
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
});
