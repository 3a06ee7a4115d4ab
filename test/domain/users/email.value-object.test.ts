import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { Email } from '../../../src/domain/users/email.value-object.js';
import { expectExplained } from '../../support/refusal.js';

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

describe('Email boundaries', () => {
  const pathOf = (raw: string, path?: string): string | undefined => {
    try {
      Email.parse(raw, path);
    } catch (error) {
      if (error instanceof DomainError) return expectExplained(error).issues[0]?.path;
      throw error;
    }
    return undefined;
  };
  // A domain of `labels` labels of 63 characters plus ".com", to reach a given total length.
  const longDomain = (length: number) => {
    const labels: string[] = [];
    let rest = length - '.com'.length;
    while (rest > 0) {
      const size = Math.min(63, rest);
      labels.push('d'.repeat(size));
      rest -= size + 1;
    }
    return `${labels.join('.')}.com`;
  };
  const ofLength = (total: number) => {
    const local = 'l'.repeat(64);
    const domain = longDomain(total - local.length - 1);
    return `${local}@${domain}`;
  };

  it('needs an "@"', () => {
    expect(pathOf('userexample.com')).toBe('/email');
  });

  it.each(['a@example-.com', 'a@-example.com', 'a@exa_mple.com', 'a@example..com', 'a@.example.com', 'a@example.com.'])(
    'refuses the domain of %s (labels are letters, digits and inner hyphens)',
    (raw) => {
      expect(pathOf(raw)).toBe('/email');
    },
  );

  it('accepts one-character labels', () => {
    expect(Email.parse('a@x.io').value).toBe('a@x.io');
    expect(Email.parse('a@x.y.io').value).toBe('a@x.y.io');
  });

  it.each(['a@example.1com', 'a@example.com1', 'a@example.co-m'])('refuses the top-level domain of %s (letters only)', (raw) => {
    expect(pathOf(raw)).toBe('/email');
  });

  it('accepts hyphens inside a label and a 63-character label', () => {
    expect(Email.parse('a@my-shop.example.com').value).toBe('a@my-shop.example.com');
    expect(Email.parse(`a@${'x'.repeat(63)}.com`).value).toContain('x'.repeat(63));
    expect(pathOf(`a@${'x'.repeat(64)}.com`)).toBe('/email');
  });

  it('needs a top-level domain of 2–63 letters', () => {
    expect(Email.parse('a@example.io').value).toBe('a@example.io');
    expect(Email.parse(`a@example.${'z'.repeat(63)}`).value).toHaveLength(2 + 8 + 63);
    expect(pathOf('a@example.c')).toBe('/email');
    expect(pathOf('a@example.123')).toBe('/email');
    expect(pathOf('a@example.c-m')).toBe('/email');
  });

  it('accepts a 64-character local part and refuses 65', () => {
    expect(Email.parse(`${'x'.repeat(64)}@example.com`).value).toHaveLength(64 + 12);
    expect(pathOf(`${'x'.repeat(65)}@example.com`)).toBe('/email');
  });

  it('accepts 254 characters in all and refuses 255', () => {
    expect(ofLength(254)).toHaveLength(254);
    expect(Email.parse(ofLength(254)).value).toHaveLength(254);
    expect(ofLength(255)).toHaveLength(255);
    expect(pathOf(ofLength(255))).toBe('/email');
  });

  it('measures the length after trimming', () => {
    expect(Email.parse(`  ${ofLength(254)}  `).value).toHaveLength(254);
  });

  it.each(['.a@example.com', 'a.@example.com', 'a"b@example.com', 'a(b)@example.com'])('refuses the local part of %s', (raw) => {
    expect(pathOf(raw)).toBe('/email');
  });

  it('reports at the path it is given (e.g. a nested field)', () => {
    expect(pathOf('nope', '/contact/email')).toBe('/contact/email');
  });

  it('normalizes to lower case for comparison, also when restored from storage', () => {
    expect(Email.parse('Ada@Example.COM').normalized).toBe('ada@example.com');
    const restored = Email.restore('Ada@Example.COM');
    expect(restored).toMatchObject({ value: 'Ada@Example.COM', normalized: 'ada@example.com' });
    expect(restored.equals(Email.parse('ada@example.com'))).toBe(true);
    expect(restored.equals(Email.parse('bob@example.com'))).toBe(false);
  });
});
