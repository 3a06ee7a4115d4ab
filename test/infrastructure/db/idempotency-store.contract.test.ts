import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

const T0 = new Date('2025-06-01T00:00:00.000Z');
const LATER = new Date('2025-06-01T00:01:00.000Z');
const key = { userId: '00000000-0000-7000-8000-000000000001', key: 'retry-me' };

describe.each(uowTargets)('IdempotencyStore contract on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ uow, close } = await target.open());
  });
  afterEach(async () => close());

  it('inserts once; later calls see the record, scoped per user', async () => {
    expect(await uow.run((tx) => tx.idempotency.tryInsert(key, 'f', T0, LATER))).toBeNull();
    const seen = await uow.run((tx) => tx.idempotency.tryInsert(key, 'g', T0, LATER));
    expect(seen).toMatchObject({ fingerprint: 'f', state: 'in_flight', response: null });
    expect(seen?.lockedUntil.toISOString()).toBe(LATER.toISOString());
    expect(await uow.run((tx) => tx.idempotency.tryInsert({ ...key, userId: 'someone-else' }, 'f', T0, LATER))).toBeNull();
  });

  it('completes with a JSON response inside the caller transaction, and a rollback undoes it', async () => {
    await uow.run((tx) => tx.idempotency.tryInsert(key, 'f', T0, LATER));
    await expect(
      uow.run(async (tx) => {
        await tx.idempotency.complete(key, { id: 'x' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await uow.run((tx) => tx.idempotency.tryInsert(key, 'f', T0, LATER)))?.state).toBe('in_flight');
    await uow.run((tx) => tx.idempotency.complete(key, { id: 'x', total: { amount: '1.00', currency: 'USD' } }));
    expect(await uow.run((tx) => tx.idempotency.tryInsert(key, 'f', T0, LATER))).toMatchObject({
      state: 'completed',
      response: { id: 'x', total: { amount: '1.00', currency: 'USD' } },
    });
  });

  it('takes over only the record it saw; releases only in-flight claims', async () => {
    await uow.run((tx) => tx.idempotency.tryInsert(key, 'f', T0, LATER));
    const seen = (await uow.run((tx) => tx.idempotency.tryInsert(key, 'f', T0, LATER)))!;
    const next = new Date(LATER.getTime() + 60_000);
    expect(await uow.run((tx) => tx.idempotency.takeOver(key, 'f2', LATER, next, seen))).toBe(true);
    expect(await uow.run((tx) => tx.idempotency.takeOver(key, 'f3', LATER, next, seen))).toBe(false);
    await uow.run((tx) => tx.idempotency.complete(key, { ok: true }));
    await uow.run((tx) => tx.idempotency.release(key));
    expect((await uow.run((tx) => tx.idempotency.tryInsert(key, 'f', T0, LATER)))?.state).toBe('completed');
    const other = { ...key, key: 'other' };
    await uow.run((tx) => tx.idempotency.tryInsert(other, 'f', T0, LATER));
    await uow.run((tx) => tx.idempotency.release(other));
    expect(await uow.run((tx) => tx.idempotency.tryInsert(other, 'f', T0, LATER))).toBeNull();
  });
});
