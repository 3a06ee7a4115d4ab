/**
 * ISO 4217 currencies this service accepts, with their minor-unit exponent
 * (how many decimal digits the smallest unit has: cents → 2, yen → 0, fils → 3).
 * A closed list on purpose: an unknown code is refused rather than guessed.
 */
const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ['USD', 2], ['EUR', 2], ['GBP', 2], ['CHF', 2], ['CAD', 2], ['AUD', 2],
  ['NZD', 2], ['SEK', 2], ['NOK', 2], ['DKK', 2], ['PLN', 2], ['CZK', 2],
  ['SGD', 2], ['HKD', 2], ['INR', 2], ['CNY', 2], ['MXN', 2], ['BRL', 2],
  ['ZAR', 2],
  ['JPY', 0], ['KRW', 0], ['ISK', 0],
  ['KWD', 3], ['BHD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3],
]);

/** An upper-case ISO 4217 alphabetic code such as `USD`. */
export type CurrencyCode = string;

export const isKnownCurrency = (code: string): boolean => EXPONENTS.has(code);

/** Minor-unit digits of a known currency; asking for an unknown one is a programming error. */
export const currencyExponent = (code: CurrencyCode): number => {
  const exponent = EXPONENTS.get(code);
  if (exponent === undefined) throw new RangeError(`unknown currency: ${code}`);
  return exponent;
};

export const knownCurrencies = (): readonly CurrencyCode[] => [...EXPONENTS.keys()];
