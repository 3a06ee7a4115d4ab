import { describe, expect, it } from 'vitest';
import { DomainError, invalid } from '../../../src/domain/shared/domain-error.js';

describe('DomainError', () => {
  it('reads as a DomainError in logs and stack traces', () => {
    const error = new DomainError('order.empty', 'an empty order cannot be confirmed');
    expect(error.name).toBe('DomainError');
    expect(String(error)).toBe('DomainError: an empty order cannot be confirmed');
    expect(error).toBeInstanceOf(Error);
  });

  it('has no issues and no details unless given', () => {
    expect(new DomainError('order.empty', 'x')).toMatchObject({ issues: [], details: {} });
  });

  it('invalid() names one field with its message', () => {
    expect(invalid('/email', 'must be a valid email address')).toMatchObject({
      code: 'validation.invalid',
      issues: [{ path: '/email', message: 'must be a valid email address' }],
    });
  });
});
