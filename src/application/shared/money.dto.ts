import type { Money } from '../../domain/shared/money.value-object.js';

/** Money on the wire: a decimal string with exactly the currency's minor digits, never a JSON number. */
export interface MoneyDto {
  amount: string;
  currency: string;
}

export const toMoneyDto = (money: Money): MoneyDto => ({
  amount: money.toDecimalString(),
  currency: money.currency,
});
