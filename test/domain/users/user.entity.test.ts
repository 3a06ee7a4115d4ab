import { describe, expect, it } from 'vitest';
import { Email } from '../../../src/domain/users/email.value-object.js';
import { User } from '../../../src/domain/users/user.entity.js';
import { aUser } from '../../support/mothers/user.mother.js';

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
});
