import { DomainError, invalid } from './domain-error.js';
import { type CurrencyCode, currencyExponent, isKnownCurrency } from './currency.js';

const DECIMAL = /^\d+(\.\d+)?$/;

/** Largest amount a client may send, in minor units: generous, and far below 2^53 so totals have room. */
export const MAX_INPUT_MINOR = 10 ** 13;

/**
 * A non-negative amount of one currency, held as an integer count of minor units
 * (cents, yen, fils). Never a float: parsing and formatting are string arithmetic and
 * every result is checked to stay a safe integer, so nothing is ever rounded.
 */
export class Money {
  private constructor(
    readonly minor: number,
    readonly currency: CurrencyCode,
  ) {}

  /** Build from minor units (mappers, arithmetic). */
  static of(minor: number, currency: CurrencyCode): Money {
    if (!isKnownCurrency(currency)) throw invalid('/currency', 'must be a supported ISO 4217 currency code');
    return new Money(checkedMinor(minor), currency);
  }

  static zero(currency: CurrencyCode): Money {
    return Money.of(0, currency);
  }

  /**
   * Parse a wire amount such as `"10.5"` (USD 10.50). Issues are reported at
   * `${basePath}/amount` and `${basePath}/currency`, e.g. `/price/amount`.
   * More decimals than the currency has are refused, never rounded.
   */
  static parse(amount: string, currency: string, basePath = ''): Money {
    if (!isKnownCurrency(currency)) {
      throw invalid(`${basePath}/currency`, 'must be a supported ISO 4217 currency code, such as USD');
    }
    const amountPath = `${basePath}/amount`;
    if (!DECIMAL.test(amount)) {
      throw invalid(amountPath, 'must be a non-negative decimal string, such as "10.50"');
    }
    const exponent = currencyExponent(currency);
    const [
      // Stryker disable next-line StringLiteral: split() always yields a first element, so this default is never used.
      whole = '',
      fraction = '',
    ] = amount.split('.');
    if (fraction.length > exponent) {
      throw invalid(amountPath, `${currency} allows at most ${exponent} decimal digit(s)`);
    }
    const minor = digitsToInteger(whole + fraction.padEnd(exponent, '0'), MAX_INPUT_MINOR);
    if (minor === null) throw invalid(amountPath, 'is too large');
    return new Money(minor, currency);
  }

  /** Exactly the currency's minor digits: "10.50", JPY "1000", KWD "1.250". */
  toDecimalString(): string {
    const exponent = currencyExponent(this.currency);
    if (exponent === 0) return String(this.minor);
    const digits = String(this.minor).padStart(exponent + 1, '0');
    return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(checkedMinor(this.minor + other.minor), this.currency);
  }

  multiply(quantity: number): Money {
    if (!Number.isSafeInteger(quantity) || quantity < 0) {
      throw new RangeError(`quantity must be a non-negative integer, got ${quantity}`);
    }
    return new Money(checkedMinor(this.minor * quantity), this.currency);
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.minor === other.minor;
  }

  /** Negative, zero or positive like a sort comparator; amounts of different currencies are not comparable. */
  compare(other: Money): number {
    this.assertSameCurrency(other);
    return Math.sign(this.minor - other.minor);
  }

  greaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }

  isZero(): boolean {
    return this.minor === 0;
  }

  toString(): string {
    return `${this.toDecimalString()} ${this.currency}`;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new DomainError(
        'money.currency_mismatch',
        `cannot combine ${this.currency} with ${other.currency}`,
        [],
        { currencies: [this.currency, other.currency] },
      );
    }
  }
}

/**
 * A product of two safe integers that is itself a safe integer is exact, and a true
 * result past 2^53 never rounds back below it, so this check is enough to refuse overflow.
 */
const checkedMinor = (minor: number): number => {
  if (!Number.isSafeInteger(minor) || minor < 0) {
    throw invalid('/amount', 'amount is out of the supported range');
  }
  return minor;
};

/** Decimal digits to an integer without Number()/parseFloat; null once past `max`. */
const digitsToInteger = (digits: string, max: number): number | null => {
  let value = 0;
  for (const digit of digits) {
    value = value * 10 + (digit.charCodeAt(0) - 48);
    if (value > max) return null;
  }
  return value;
};
