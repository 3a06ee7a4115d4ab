import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy } from '../../../src/domain/users/password-policy.js';

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
});
