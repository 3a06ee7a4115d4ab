/** How many units of one product to reserve or release. */
export interface StockLine {
  readonly productId: string;
  readonly quantity: number;
}

/** Ascending productId: the order every adapter takes stock rows in, so two reservations never deadlock. */
export const byProductId = (a: { readonly productId: string }, b: { readonly productId: string }): number =>
  a.productId < b.productId
    ? -1
    : // Stryker disable next-line ConditionalExpression,EqualityOperator: V8's sort only asks whether the result is negative, so this branch never changes the order.
      a.productId > b.productId ? 1 : 0;

/** One total per product, iterated in ascending productId (the lock order), whatever order and repeats the caller used. */
export const totalsByProduct = (lines: readonly StockLine[]): Map<string, number> => {
  const totals = new Map<string, number>();
  for (const line of [...lines].sort(byProductId)) {
    totals.set(line.productId, (totals.get(line.productId) ?? 0) + line.quantity);
  }
  return totals;
};
