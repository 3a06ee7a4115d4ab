import { Type } from 'typebox';
import { component } from './component.schema.js';

/**
 * Money on the wire: a decimal string, never a JSON number (a number is a 422), and an
 * upper-case ISO 4217 code. The shape is checked here; the domain decides whether the
 * currency is supported and how many decimals it allows (more are refused, never rounded).
 */
export const MoneySchema = component('Money', Type.Object(
  {
    amount: Type.String({
      pattern: '^\\d+(\\.\\d+)?$',
      maxLength: 32,
      description: 'Non-negative decimal string. Requests may carry fewer decimals than the currency has, never more; responses carry exactly its minor digits (USD "10.50", JPY "1000", KWD "1.250").',
      examples: ['10.99'],
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3, description: 'ISO 4217 code', examples: ['USD'] }),
  },
  { additionalProperties: false, description: 'An amount of money: decimal string and ISO 4217 currency' },
));
