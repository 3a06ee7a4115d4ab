import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { PasswordResetToken } from '../../../src/domain/users/password-reset-token.js';
import { RefreshToken } from '../../../src/domain/users/refresh-token.js';
import { aUser } from '../../support/mothers/user.mother.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

const T0 = new Date('2030-06-01T12:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

/** One contract for the session stores and the admin's user list, on in-memory, SQLite and PostgreSQL. */
describe.each(uowTargets)('refresh tokens, reset tokens and the user list on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ uow, close } = await target.open());
  });
  afterEach(async () => close());

  const withUser = async () => {
    const user = aUser().build();
    await uow.run((tx) => tx.users.insert(user));
    return user;
  };

  it('refresh tokens: stored by hash, marked used exactly once, revoked by family and by user', async () => {
    const u = await withUser();
    const a1 = RefreshToken.startFamily({ tokenHash: 'hash-a1', familyId: 'fam-a', userId: u.id, now: T0, ttlSeconds: 60 });
    const a2 = a1.successor({ tokenHash: 'hash-a2', now: later(1000), ttlSeconds: 60 });
    const b1 = RefreshToken.startFamily({ tokenHash: 'hash-b1', familyId: 'fam-b', userId: u.id, now: T0, ttlSeconds: 60 });
    await uow.run(async (tx) => {
      await tx.refreshTokens.insert(a1);
      await tx.refreshTokens.insert(a2);
      await tx.refreshTokens.insert(b1);
    });
    const found = await uow.read((tx) => tx.refreshTokens.findByHash('hash-a2'));
    expect(found?.props).toEqual(a2.props);
    expect(found?.sessionStartedAt.toISOString()).toBe(T0.toISOString());
    expect(found?.state(later(1000))).toBe('usable');
    expect(found?.state(later(61_000))).toBe('expired');
    expect(await uow.read((tx) => tx.refreshTokens.findByHash('missing'))).toBeNull();

    expect(await uow.run((tx) => tx.refreshTokens.markUsed('hash-a1', later(500)))).toBe(true);
    expect(await uow.run((tx) => tx.refreshTokens.markUsed('hash-a1', later(600)))).toBe(false);
    expect((await uow.read((tx) => tx.refreshTokens.findByHash('hash-a1')))?.state(later(700))).toBe('used');

    await uow.run((tx) => tx.refreshTokens.revokeFamily('fam-a', later(2000)));
    expect((await uow.read((tx) => tx.refreshTokens.findByHash('hash-a2')))?.state(later(2000))).toBe('revoked');
    expect(await uow.run((tx) => tx.refreshTokens.markUsed('hash-a2', later(2000)))).toBe(false);
    expect((await uow.read((tx) => tx.refreshTokens.findByHash('hash-b1')))?.state(later(2000))).toBe('usable');

    await uow.run((tx) => tx.refreshTokens.revokeAllOf(u.id, later(3000)));
    expect((await uow.read((tx) => tx.refreshTokens.findByHash('hash-b1')))?.state(later(3000))).toBe('revoked');
  });

  it('a revocation inside a unit of work that throws is rolled back', async () => {
    const u = await withUser();
    await uow.run((tx) => tx.refreshTokens.insert(RefreshToken.startFamily({ tokenHash: 'hash-r', familyId: 'fam-r', userId: u.id, now: T0, ttlSeconds: 60 })));
    await expect(
      uow.run(async (tx) => {
        await tx.refreshTokens.revokeAllOf(u.id, T0);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await uow.read((tx) => tx.refreshTokens.findByHash('hash-r')))?.state(T0)).toBe('usable');
  });

  it('reset tokens: consumed once and only before they expire; voided for a user', async () => {
    const u = await withUser();
    const v = await withUser();
    const w = await withUser();
    await uow.run(async (tx) => {
      await tx.resetTokens.insert(PasswordResetToken.issue({ tokenHash: 'reset-1', userId: u.id, now: T0 }));
      await tx.resetTokens.insert(PasswordResetToken.issue({ tokenHash: 'reset-2', userId: v.id, now: T0 }));
      await tx.resetTokens.insert(PasswordResetToken.issue({ tokenHash: 'reset-3', userId: w.id, now: T0 }));
    });
    expect((await uow.read((tx) => tx.resetTokens.findByHash('reset-1')))?.isUsable(later(59 * 60_000))).toBe(true);
    expect(await uow.run((tx) => tx.resetTokens.consume('reset-1', later(1000)))).toBe(true);
    expect(await uow.run((tx) => tx.resetTokens.consume('reset-1', later(2000)))).toBe(false);
    expect(await uow.run((tx) => tx.resetTokens.consume('reset-2', later(60 * 60_000)))).toBe(false);
    await uow.run((tx) => tx.resetTokens.voidAllOf(w.id, later(3000)));
    expect(await uow.run((tx) => tx.resetTokens.consume('reset-3', later(4000)))).toBe(false);
    expect(await uow.read((tx) => tx.resetTokens.findByHash('nope'))).toBeNull();
  });

  it('only the newest reset token of a user can be consumed, even when nothing voided the older one', async () => {
    const u = await withUser();
    await uow.run(async (tx) => {
      await tx.resetTokens.insert(PasswordResetToken.issue({ tokenHash: 'old', userId: u.id, now: T0 }));
      await tx.resetTokens.insert(PasswordResetToken.issue({ tokenHash: 'new', userId: u.id, now: later(1) }));
    });
    expect(await uow.run((tx) => tx.resetTokens.consume('old', later(1000)))).toBe(false);
    expect(await uow.run((tx) => tx.resetTokens.consume('new', later(1000)))).toBe(true);
  });

  it('the user list: oldest first (by id), q matches the email case-insensitively with wildcards taken literally, role and isActive filter, after/limit page', async () => {
    const a = aUser().withEmail('Alpha.One@Example.com').build();
    const b = aUser().withEmail('beta_one@example.com').admin().build();
    const c = aUser().withEmail('gamma%one@example.com').build();
    c.deactivate(T0);
    await uow.run(async (tx) => {
      for (const u of [c, a, b]) await tx.users.insert(u);
    });
    const ids = async (f: Partial<{ q: string; role: 'admin' | 'customer'; isActive: boolean; after: string; limit: number }>) =>
      (await uow.read((tx) => tx.userViews.list({ q: null, role: null, isActive: null, after: null, limit: 10, ...f }))).map((u) => u.id);
    expect(await ids({})).toEqual([a.id, b.id, c.id]);
    expect(await ids({ q: 'ALPHA' })).toEqual([a.id]);
    expect(await ids({ q: 'one@' })).toEqual([a.id, b.id, c.id]);
    expect(await ids({ q: '_' })).toEqual([b.id]);
    expect(await ids({ q: '%' })).toEqual([c.id]);
    expect(await ids({ role: 'admin' })).toEqual([b.id]);
    expect(await ids({ isActive: false })).toEqual([c.id]);
    expect(await ids({ isActive: true, role: 'customer' })).toEqual([a.id]);
    expect(await ids({ after: a.id, limit: 1 })).toEqual([b.id]);
    const listed = await uow.read((tx) => tx.userViews.list({ q: 'gamma', role: null, isActive: null, after: null, limit: 10 }));
    expect(listed[0]?.sessionsValidAfter?.toISOString()).toBe(T0.toISOString());
  });
});
