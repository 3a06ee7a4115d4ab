/** How the catalog judges stock (LOW_STOCK_THRESHOLD): at or below the threshold, stock is low. */
export interface StockSettings {
  readonly lowStockThreshold: number;
}

export const DEFAULT_LOW_STOCK_THRESHOLD = 5;
