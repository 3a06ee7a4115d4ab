import { describe, expect, it } from 'vitest';
import { PasswordResetToken, RESET_TOKEN_TTL_MS } from '../../../src/domain/users/password-reset-token.js';
import { RefreshToken } from '../../../src/domain/users/refresh-token.js';
import { aUser } from '../../support/mothers/user.mother.js';

const at = (iso: string) => new Date(iso);

describe('sessions in the domain', () => {
  it('a password change ends sessions started at or before it, and tells the owner (PasswordChanged)', () => {
    const user = aUser().withEmail('ada@example.com').build();
    expect(user.acceptsSessionStartedAt(at('2020-01-01T00:00:00Z'))).toBe(true);
    user.changePassword('new-hash', at('2030-01-01T00:00:12.500Z'), 'changed');
    expect(user.passwordHash).toBe('new-hash');
    // An access token's iat is whole seconds: 12 s is "the same second" and is refused.
    expect(user.acceptsSessionStartedAt(at('2030-01-01T00:00:12.000Z'))).toBe(false);
    expect(user.acceptsSessionStartedAt(at('2030-01-01T00:00:12.500Z'))).toBe(false);
    expect(user.acceptsSessionStartedAt(at('2030-01-01T00:00:13.000Z'))).toBe(true);
    expect(user.pullEvents()).toEqual([expect.objectContaining({ type: 'PasswordChanged', payload: { userId: user.id, email: 'ada@example.com', how: 'changed' } })]);
  });

  it('deactivation ends sessions; reactivation keeps them ended; a deactivated user cannot change the password', () => {
    const user = aUser().build();
    user.deactivate(at('2030-01-01T00:00:10Z'));
    expect(user.acceptsSessionStartedAt(at('2030-01-01T00:00:20Z'))).toBe(false);
    expect(() => user.changePassword('h', at('2030-01-01T00:00:11Z'), 'reset')).toThrow(expect.objectContaining({ code: 'user.inactive' }));
    user.reactivate(at('2030-01-01T00:00:30Z'));
    expect(user.isActive).toBe(true);
    expect(user.acceptsSessionStartedAt(at('2030-01-01T00:00:05Z'))).toBe(false);
    expect(user.acceptsSessionStartedAt(at('2030-01-01T00:00:31Z'))).toBe(true);
  });

  it('a refresh token is usable until it expires; its successor keeps the family and the session start', () => {
    const t0 = at('2030-01-01T00:00:00Z');
    const first = RefreshToken.startFamily({ tokenHash: 'h1', familyId: 'f', userId: 'u', now: t0, ttlSeconds: 60 });
    expect(first.state(at('2030-01-01T00:00:59.999Z'))).toBe('usable');
    expect(first.state(at('2030-01-01T00:01:00Z'))).toBe('expired');
    const next = first.successor({ tokenHash: 'h2', now: at('2030-01-01T00:00:30Z'), ttlSeconds: 60 });
    expect(next.familyId).toBe('f');
    expect(next.sessionStartedAt).toEqual(t0);
    expect(next.state(at('2030-01-01T00:01:20Z'))).toBe('usable');
    expect(RefreshToken.restore({ ...next.props, usedAt: t0 }).state(t0)).toBe('used');
    expect(RefreshToken.restore({ ...next.props, usedAt: t0, revokedAt: t0 }).state(t0)).toBe('revoked');
  });

  it('a reset token lives one hour and is single use', () => {
    const t0 = at('2030-01-01T00:00:00Z');
    const token = PasswordResetToken.issue({ tokenHash: 'h', userId: 'u', now: t0 });
    expect(token.isUsable(new Date(t0.getTime() + RESET_TOKEN_TTL_MS - 1))).toBe(true);
    expect(token.isUsable(new Date(t0.getTime() + RESET_TOKEN_TTL_MS))).toBe(false);
    expect(PasswordResetToken.restore({ ...token.props, usedAt: t0 }).isUsable(t0)).toBe(false);
  });
});
