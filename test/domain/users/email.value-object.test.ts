import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { Email } from '../../../src/domain/users/email.value-object.js';

describe('Email', () => {
  it.each(['ada@example.com', 'Ada.Lovelace+orders@sub.example.co.uk', "o'brien@example.ie", '  padded@example.com  '])('accepts %s', (raw) => {
    expect(Email.parse(raw).value).toBe(raw.trim());
  });

  it.each(['', 'plain', '@example.com', 'a@', 'a@localhost', 'a@@example.com', 'a b@example.com', 'a..b@example.com', 'a@-example.com', `${'x'.repeat(65)}@example.com`, 'a@example.c0m'])(
    'refuses %j with a validation error on /email',
    (raw) => {
      const err = (() => {
        try {
          Email.parse(raw);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).issues[0]?.path).toBe('/email');
    },
  );

  it('compares case-insensitively but keeps what was typed', () => {
    const a = Email.parse('Ada@Example.COM');
    expect(a.value).toBe('Ada@Example.COM');
    expect(a.equals(Email.parse('ada@example.com'))).toBe(true);
  });
});
