import { invalid } from '../shared/domain-error.js';

// Pragmatic RFC 5321/5322 subset: a dot-atom local part and a dotted domain with a TLD.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * An email address. Uniqueness is case-insensitive: `normalized` (lower case) is
 * what the repository compares; `value` keeps what the user typed, trimmed.
 */
export class Email {
  private constructor(
    readonly value: string,
    readonly normalized: string,
  ) {}

  static parse(raw: string, path = '/email'): Email {
    const value = raw.trim();
    const at = value.lastIndexOf('@');
    const local = value.slice(0, at);
    const domain = value.slice(at + 1);
    const labels = domain.split('.');
    const ok =
      value.length <= 254 &&
      // Stryker disable next-line EqualityOperator: `at >= 0` is equivalent, an empty local part already fails LOCAL.
      at > 0 &&
      local.length <= 64 &&
      LOCAL.test(local) &&
      labels.length >= 2 &&
      labels.every((l) => LABEL.test(l)) &&
      // Stryker disable next-line StringLiteral: split() returns at least one label, so the fallback is never read.
      /^[A-Za-z]{2,63}$/.test(labels[labels.length - 1] ?? '');
    if (!ok) throw invalid(path, 'must be a valid email address');
    return new Email(value, value.toLowerCase());
  }

  /** Rebuild from storage without re-validating what was validated on the way in. */
  static restore(value: string): Email {
    return new Email(value, value.toLowerCase());
  }

  equals(other: Email): boolean {
    return this.normalized === other.normalized;
  }
}
