import { describe, expect, it } from 'vitest';
import { currencyExponent, isKnownCurrency, knownCurrencies } from '../../../src/domain/shared/currency.js';

describe('currency table', () => {
  it.each([
    ['USD', 2], ['EUR', 2], ['GBP', 2], ['CHF', 2], ['CAD', 2], ['AUD', 2],
    ['JPY', 0], ['KRW', 0], ['ISK', 0],
    ['KWD', 3], ['BHD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3],
  ])('%s has %i minor digits', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('knows only upper-case ISO codes, and nothing inherited from Object', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('usd')).toBe(false);
    expect(isKnownCurrency('toString')).toBe(false);
    expect(() => currencyExponent('XXX')).toThrow(RangeError);
  });

  it('lists only three-letter codes', () => {
    expect(knownCurrencies().every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
  });

  it('lists every currency it accepts, and only those', () => {
    const listed = knownCurrencies();
    expect(listed).toEqual(expect.arrayContaining(['USD', 'EUR', 'JPY', 'KWD', 'TND', 'ZAR']));
    expect(listed).toHaveLength(27);
    expect(listed.every(isKnownCurrency)).toBe(true);
  });

  it('a programming error asking for an unknown exponent names the code', () => {
    expect(() => currencyExponent('XXX')).toThrow(/XXX/);
  });
});
