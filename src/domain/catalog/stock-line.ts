/** How many units of one product to reserve or release. */
export interface StockLine {
  readonly productId: string;
  readonly quantity: number;
}
