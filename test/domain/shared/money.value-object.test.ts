import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent } from '../../../src/domain/shared/currency.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { MAX_INPUT_MINOR, Money } from '../../../src/domain/shared/money.value-object.js';
import { refusal } from '../../support/refusal.js';

/** One currency per exponent the table knows. */
const CURRENCIES = ['JPY', 'USD', 'KWD'] as const;

const currency = fc.constantFrom(...CURRENCIES);
const minor = fc.integer({ min: 0, max: MAX_INPUT_MINOR });
const moneyIn = (c: string) => minor.map((m) => Money.of(m, c));


describe('Money.parse', () => {
  it.each([
    ['10', 'USD', 1000, '10.00'],
    ['10.5', 'USD', 1050, '10.50'],
    ['10.99', 'USD', 1099, '10.99'],
    ['0', 'USD', 0, '0.00'],
    ['0.01', 'EUR', 1, '0.01'],
    ['007.10', 'GBP', 710, '7.10'],
    ['1000', 'JPY', 1000, '1000'],
    ['1.25', 'KWD', 1250, '1.250'],
    ['0.005', 'BHD', 5, '0.005'],
  ])('reads %s %s as %i minor units, shown as %s', (amount, code, expectedMinor, shown) => {
    const money = Money.parse(amount, code);
    expect(money.minor).toBe(expectedMinor);
    expect(money.currency).toBe(code);
    expect(money.toDecimalString()).toBe(shown);
  });

  it.each([
    ['10.999', 'USD'],
    ['10.500', 'USD'],
    ['1000.0', 'JPY'],
    ['1.2345', 'KWD'],
  ])('refuses %s %s (more decimals than the currency has), never rounding', (amount, code) => {
    const error = refusal(() => Money.parse(amount, code, '/price'));
    expect(error.code).toBe('validation.invalid');
    expect(error.issues).toEqual([{ path: '/price/amount', message: expect.stringContaining('decimal') }]);
  });

  it.each(['-1', '-0.01', '1e3', '', ' 1', '1 ', '.5', '5.', '1,00', '0x10', '+1', 'NaN', 'Infinity', '１'])(
    'refuses the malformed amount %j',
    (amount) => {
      const error = refusal(() => Money.parse(amount, 'USD'));
      expect(error.issues[0]?.path).toBe('/amount');
    },
  );

  it.each(['usd', 'XXX', 'US', '', 'constructor', '__proto__'])('refuses the currency %j at the currency path', (code) => {
    const error = refusal(() => Money.parse('1', code, '/price'));
    expect(error.code).toBe('validation.invalid');
    expect(error.issues[0]?.path).toBe('/price/currency');
  });

  it('accepts up to the maximum and refuses one minor unit more', () => {
    expect(Money.parse('100000000000', 'USD').minor).toBe(MAX_INPUT_MINOR);
    expect(refusal(() => Money.parse('100000000000.01', 'USD')).issues[0]?.path).toBe('/amount');
    expect(refusal(() => Money.parse('9'.repeat(400), 'USD')).issues[0]?.path).toBe('/amount');
  });

  it('refuses any amount with too many decimals, for every exponent', () => {
    fc.assert(
      fc.property(currency, fc.nat(), fc.integer({ min: 1, max: 4 }), (code, whole, extra) => {
        const digits = '7'.repeat(currencyExponent(code) + extra);
        expect(() => Money.parse(`${whole}.${digits}`, code)).toThrow(DomainError);
      }),
    );
  });
});

describe('Money formatting', () => {
  it('parse ∘ format is the identity on minor units, for every exponent', () => {
    fc.assert(
      fc.property(currency, minor, (code, m) => {
        const text = Money.of(m, code).toDecimalString();
        expect(Money.parse(text, code).minor).toBe(m);
      }),
    );
  });

  it('always shows exactly the currency’s minor digits', () => {
    fc.assert(
      fc.property(currency, minor, (code, m) => {
        const exponent = currencyExponent(code);
        const pattern = exponent === 0 ? /^(0|[1-9]\d*)$/ : new RegExp(`^(0|[1-9]\\d*)\\.\\d{${exponent}}$`);
        expect(Money.of(m, code).toDecimalString()).toMatch(pattern);
      }),
    );
  });

  it('format ∘ parse pads shorter inputs without changing their value', () => {
    fc.assert(
      fc.property(
        currency,
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 3 }),
        (code, whole, fraction) => {
          const exponent = currencyExponent(code);
          const cut = fraction.slice(0, exponent);
          const input = cut === '' ? String(whole) : `${whole}.${cut}`;
          const expected = exponent === 0 ? String(whole) : `${whole}.${cut.padEnd(exponent, '0')}`;
          expect(Money.parse(input, code).toDecimalString()).toBe(expected);
        },
      ),
    );
  });
});

describe('Money arithmetic', () => {
  const twoAmounts = currency.chain((code) => fc.tuple(moneyIn(code), moneyIn(code)));
  const threeAmounts = currency.chain((code) => fc.tuple(moneyIn(code), moneyIn(code), moneyIn(code)));

  it('adds commutatively', () => {
    fc.assert(fc.property(twoAmounts, ([a, b]) => a.add(b).equals(b.add(a))));
  });

  it('adds associatively', () => {
    fc.assert(
      fc.property(threeAmounts, ([a, b, c]) => a.add(b).add(c).equals(a.add(b.add(c)))),
    );
  });

  it('has zero as the identity of addition', () => {
    fc.assert(fc.property(currency.chain(moneyIn), (a) => a.add(Money.zero(a.currency)).equals(a)));
  });

  it('multiplies exactly (quantity × price equals repeated addition, checked with bigint)', () => {
    fc.assert(
      fc.property(currency.chain(moneyIn), fc.integer({ min: 0, max: 10_000 }), (price, quantity) => {
        const exact = BigInt(price.minor) * BigInt(quantity);
        if (exact > BigInt(Number.MAX_SAFE_INTEGER)) {
          expect(() => price.multiply(quantity)).toThrow(DomainError);
        } else {
          expect(BigInt(price.multiply(quantity).minor)).toBe(exact);
        }
      }),
    );
  });

  it('a total equals the exact sum of its lines', () => {
    const line = fc.record({ price: fc.integer({ min: 0, max: 10 ** 9 }), quantity: fc.integer({ min: 1, max: 10_000 }) });
    fc.assert(
      fc.property(currency, fc.array(line, { maxLength: 30 }), (code, lines) => {
        const total = lines.reduce((sum, l) => sum.add(Money.of(l.price, code).multiply(l.quantity)), Money.zero(code));
        const exact = lines.reduce((sum, l) => sum + BigInt(l.price) * BigInt(l.quantity), 0n);
        expect(BigInt(total.minor)).toBe(exact);
      }),
    );
  });

  it('refuses to mix currencies', () => {
    fc.assert(
      fc.property(fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'), fc.constantFrom('GBP', 'CHF', 'KRW', 'BHD'), (x, y) => {
        const a = Money.of(1, x);
        const b = Money.of(1, y);
        expect(refusal(() => a.add(b)).code).toBe('money.currency_mismatch');
        expect(refusal(() => a.compare(b)).code).toBe('money.currency_mismatch');
        expect(a.equals(b)).toBe(false);
      }),
    );
  });

  it('refuses results past the safe integer range instead of losing precision', () => {
    const big = Money.of(Number.MAX_SAFE_INTEGER, 'USD');
    expect(refusal(() => big.add(Money.of(1, 'USD'))).code).toBe('validation.invalid');
    expect(refusal(() => Money.of(MAX_INPUT_MINOR, 'USD').multiply(10_000)).code).toBe('validation.invalid');
  });

  it('refuses negative, fractional or unsafe minor units', () => {
    expect(() => Money.of(-1, 'USD')).toThrow(DomainError);
    expect(() => Money.of(1.5, 'USD')).toThrow(DomainError);
    expect(() => Money.of(2 ** 53, 'USD')).toThrow(DomainError);
  });

  it('compares within one currency', () => {
    const ten = Money.parse('10', 'USD');
    const nine = Money.parse('9.99', 'USD');
    expect(ten.compare(nine)).toBe(1);
    expect(nine.compare(ten)).toBe(-1);
    expect(ten.compare(Money.of(1000, 'USD'))).toBe(0);
    expect(ten.greaterThan(nine)).toBe(true);
    expect(nine.greaterThan(ten)).toBe(false);
  });
});

describe('Money rules a caller relies on', () => {
  const usd = (minor: number) => Money.of(minor, 'USD');

  it('multiplying by 0 gives zero and by 1 gives the same amount', () => {
    expect(usd(250).multiply(0).minor).toBe(0);
    expect(usd(250).multiply(1).minor).toBe(250);
    expect(usd(250).multiply(3).currency).toBe('USD');
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('refuses to multiply by %d (only non-negative safe integers are quantities)', (quantity) => {
    expect(() => usd(250).multiply(quantity)).toThrow(RangeError);
    expect(() => usd(250).multiply(quantity)).toThrow(String(quantity));
  });

  it('two amounts are equal only with the same minor units and the same currency', () => {
    expect(usd(100).equals(usd(100))).toBe(true);
    expect(usd(100).equals(usd(101))).toBe(false);
    expect(Money.of(100, 'EUR').equals(usd(100))).toBe(false);
  });

  it('an amount is not greater than an equal one', () => {
    expect(usd(100).greaterThan(usd(100))).toBe(false);
    expect(usd(101).greaterThan(usd(100))).toBe(true);
  });

  it('only zero minor units is zero', () => {
    expect(usd(0).isZero()).toBe(true);
    expect(usd(1).isZero()).toBe(false);
    expect(Money.zero('JPY')).toMatchObject({ minor: 0, currency: 'JPY' });
  });

  it('a currency mismatch names both currencies, this one first, for every operation that compares', () => {
    const refusalOf = (work: () => unknown) => refusal(work);
    for (const error of [refusalOf(() => usd(1).add(Money.of(1, 'EUR'))), refusalOf(() => usd(1).greaterThan(Money.of(1, 'EUR')))]) {
      expect(error.code).toBe('money.currency_mismatch');
      expect(error.details).toEqual({ currencies: ['USD', 'EUR'] });
    }
  });

  it('refuses an unknown currency in Money.of at /currency', () => {
    const error = refusal(() => Money.of(1, 'XXX'));
    expect(error.code).toBe('validation.invalid');
    expect(error.issues.map((i) => i.path)).toEqual(['/currency']);
  });

  it('refuses out-of-range minor units and overflowing arithmetic at /amount', () => {
    expect(refusal(() => Money.of(-1, 'USD')).issues.map((i) => i.path)).toEqual(['/amount']);
    expect(refusal(() => usd(Number.MAX_SAFE_INTEGER).add(usd(1))).issues.map((i) => i.path)).toEqual(['/amount']);
  });

  it('without a base path, parse reports at /amount and /currency', () => {
    expect(refusal(() => Money.parse('x', 'USD')).issues.map((i) => i.path)).toEqual(['/amount']);
    expect(refusal(() => Money.parse('1', 'usd')).issues.map((i) => i.path)).toEqual(['/currency']);
    expect(refusal(() => Money.parse('1.001', 'USD')).issues.map((i) => i.path)).toEqual(['/amount']);
  });

  it('accepts the largest safe integer as minor units (results may reach it) and no more', () => {
    expect(usd(Number.MAX_SAFE_INTEGER).minor).toBe(Number.MAX_SAFE_INTEGER);
    expect(usd(0).minor).toBe(0);
  });

  it('reads as the decimal amount and the currency code', () => {
    expect(usd(1050).toString()).toBe('10.50 USD');
    expect(Money.of(5, 'KWD').toString()).toBe('0.005 KWD');
    expect(Money.of(7, 'JPY').toString()).toBe('7 JPY');
  });
});
