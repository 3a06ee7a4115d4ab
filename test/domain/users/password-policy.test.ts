import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy } from '../../../src/domain/users/password-policy.js';
import { refusal } from '../../support/refusal.js';

describe('password policy (8–128 characters)', () => {
  it('accepts the boundaries', () => {
    expect(() => assertPasswordPolicy('x'.repeat(8))).not.toThrow();
    expect(() => assertPasswordPolicy('x'.repeat(128))).not.toThrow();
  });
  it('refuses 7 and 129', () => {
    expect(() => assertPasswordPolicy('x'.repeat(7))).toThrow(/8–128/);
    expect(() => assertPasswordPolicy('x'.repeat(129))).toThrow(/8–128/);
  });
  it('counts code points, not UTF-16 units', () => {
    expect(() => assertPasswordPolicy('🔒'.repeat(8))).not.toThrow();
    expect(() => assertPasswordPolicy('🔒'.repeat(4))).toThrow();
  });
  it('refuses at /password unless told another path, explaining why', () => {
    expect(refusal(() => assertPasswordPolicy('short')).issues.map((i) => i.path)).toEqual(['/password']);
    expect(refusal(() => assertPasswordPolicy('short', '/newPassword')).issues.map((i) => i.path)).toEqual(['/newPassword']);
  });
});
