// Expired refresh and reset tokens are deleted on every store; valid ones stay, used ones included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PurgeExpiredTokens } from '../../../src/application/maintenance/purge-expired-tokens.use-case.js';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { PasswordResetToken } from '../../../src/domain/users/password-reset-token.js';
import { RefreshToken } from '../../../src/domain/users/refresh-token.js';
import { aUser } from '../../support/mothers/user.mother.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';
import { T0, TestClock } from '../../support/use-case-harness.js';

const HOUR_S = 60 * 60;
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(uowTargets)('PurgeExpiredTokens on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;
  let clock: TestClock;
  let userId: string;

  beforeEach(async () => {
    ({ uow, close } = await target.open());
    clock = new TestClock(T0);
    const user = aUser().build();
    await uow.run((tx) => tx.users.insert(user));
    userId = user.id;
  });
  afterEach(async () => close());

  const refresh = (tokenHash: string, issuedAt: Date, ttlSeconds: number) =>
    uow.run((tx) => tx.refreshTokens.insert(RefreshToken.startFamily({ tokenHash, familyId: `fam-${tokenHash}`, userId, now: issuedAt, ttlSeconds })));
  const reset = (tokenHash: string, createdAt: Date) => uow.run((tx) => tx.resetTokens.insert(PasswordResetToken.issue({ tokenHash, userId, now: createdAt })));
  const refreshKept = (hash: string) => uow.read((tx) => tx.refreshTokens.findByHash(hash)).then((t) => t !== null);
  const resetKept = (hash: string) => uow.read((tx) => tx.resetTokens.findByHash(hash)).then((t) => t !== null);

  it('deletes the tokens that expired and keeps the ones still valid, used or not', async () => {
    await refresh('r-expired', at(0), HOUR_S);
    await refresh('r-valid-used', at(0), 30 * 24 * HOUR_S);
    await uow.run((tx) => tx.refreshTokens.markUsed('r-valid-used', at(60)));
    await reset('p-expired', at(0));
    await reset('p-valid', at(90 * 60));
    clock.advance(2 * HOUR_S * 1000);

    expect(await new PurgeExpiredTokens({ uow, clock }).execute()).toEqual({ refreshTokens: 1, resetTokens: 1 });
    expect(await refreshKept('r-expired')).toBe(false);
    // A used token is kept until it expires, so a replay is still recognised as one.
    expect(await refreshKept('r-valid-used')).toBe(true);
    expect(await resetKept('p-expired')).toBe(false);
    expect(await resetKept('p-valid')).toBe(true);
  });

  it('keeps a token at the very instant it expires, and deletes nothing when nothing is due', async () => {
    await refresh('r-boundary', at(0), HOUR_S);
    clock.advance(HOUR_S * 1000);
    expect(await new PurgeExpiredTokens({ uow, clock }).execute()).toEqual({ refreshTokens: 0, resetTokens: 0 });
    expect(await refreshKept('r-boundary')).toBe(true);
  });
});
