import { describe, expect, it } from 'vitest';
import { Email } from '../../../src/domain/users/email.value-object.js';
import { User } from '../../../src/domain/users/user.entity.js';
import { aUser } from '../../support/mothers/user.mother.js';
import { refusal } from '../../support/refusal.js';

describe('User', () => {
  it('registers active and raises UserRegistered once', () => {
    const now = new Date('2025-01-02T03:04:05Z');
    const user = User.register({ id: 'u1', email: Email.parse('a@example.com'), passwordHash: 'h', role: 'customer', now });
    expect(user.isActive).toBe(true);
    expect(user.pullEvents()).toEqual([{ type: 'UserRegistered', aggregateId: 'u1', occurredAt: now, payload: { userId: 'u1', email: 'a@example.com' } }]);
    expect(user.pullEvents()).toEqual([]);
  });

  it('deactivates idempotently and then refuses an email change', () => {
    const user = aUser().build();
    user.deactivate(new Date());
    user.deactivate(new Date());
    expect(user.isActive).toBe(false);
    expect(() => user.changeEmail(Email.parse('b@example.com'), new Date())).toThrow(expect.objectContaining({ code: 'user.inactive' }));
  });
  it('deactivating an inactive user changes nothing, not even updatedAt', () => {
    const user = aUser().build();
    const first = new Date('2025-02-01T00:00:00.000Z');
    user.deactivate(first);
    user.deactivate(new Date('2025-03-01T00:00:00.000Z'));
    expect(user.updatedAt).toEqual(first);
  });

  it('an active user changes email, moving updatedAt; an inactive one is refused with an explanation', () => {
    const user = aUser().build();
    const now = new Date('2025-02-01T00:00:00.000Z');
    user.changeEmail(Email.parse('new@example.com'), now);
    expect(user.email.value).toBe('new@example.com');
    expect(user.updatedAt).toEqual(now);
    user.deactivate(now);
    expect(refusal(() => user.changeEmail(Email.parse('x@example.com'), now)).code).toBe('user.inactive');
  });

  it('deactivating an inactive user changes nothing: its update time and session end stay those of the first deactivation', () => {
    const user = aUser().build();
    const first = new Date('2030-01-01T00:00:00.000Z');
    user.deactivate(first);
    user.deactivate(new Date('2030-01-02T00:00:00.000Z'));
    expect(user.updatedAt).toEqual(first);
    expect(user.sessionsValidAfter).toEqual(first);
  });

  it('reactivating an active user changes nothing: its update time stays that of the reactivation', () => {
    const user = aUser().build();
    const back = new Date('2030-01-02T00:00:00.000Z');
    user.deactivate(new Date('2030-01-01T00:00:00.000Z'));
    user.reactivate(back);
    user.reactivate(new Date('2030-01-03T00:00:00.000Z'));
    expect(user.isActive).toBe(true);
    expect(user.updatedAt).toEqual(back);
  });
});
