// One formatter per currency and digit count: building an Intl.NumberFormat costs far more than using one.
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A wire amount ("1500", "10.99", "1.250") as people read it in English: "¥1,500", "$10.99",
 * "KWD 1.250". The decimal string goes to Intl as is (exact at any size, no float in
 * between), and it keeps exactly the digits the amount has, so nothing is ever rounded.
 */
export const formatMoney = (amount: string, currency: string): string => {
  const digits = amount.split('.')[1]?.length ?? 0;
  const key = `${currency}:${digits}`;
  let formatter = formatters.get(key);
  // Stryker disable next-line ConditionalExpression: the cache only saves time; a fresh formatter formats the same.
  if (!formatter) {
    formatter = new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, formatter);
  }
  return formatter.format(amount as `${number}`);
};
