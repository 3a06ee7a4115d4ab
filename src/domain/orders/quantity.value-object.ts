import { invalid } from '../shared/domain-error.js';

export const QUANTITY_MIN = 1;
export const QUANTITY_MAX = 10_000;

/** How many units of a product an order line holds: an integer 1–10,000. */
export class Quantity {
  private constructor(readonly value: number) {}

  static of(value: number, path = '/quantity'): Quantity {
    if (!Number.isInteger(value) || value < QUANTITY_MIN || value > QUANTITY_MAX) {
      throw invalid(path, `must be an integer from ${QUANTITY_MIN} to ${QUANTITY_MAX}`);
    }
    return new Quantity(value);
  }

  /** Rebuild from storage without re-validating what was validated on the way in. */
  static restore(value: number): Quantity {
    return new Quantity(value);
  }

  /** Merging lines keeps the same bound: the sum must itself be a valid quantity. */
  plus(other: Quantity, path = '/quantity'): Quantity {
    const sum = this.value + other.value;
    if (sum > QUANTITY_MAX) {
      throw invalid(path, `the line would hold ${sum} units; at most ${QUANTITY_MAX} are allowed`);
    }
    return new Quantity(sum);
  }
}
