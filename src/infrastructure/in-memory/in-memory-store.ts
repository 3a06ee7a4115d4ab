/**
 * The in-memory adapters keep plain records (like table rows), never live domain
 * objects, so a transaction can snapshot and restore them and aggregates are
 * rebuilt on every load exactly as the SQL adapters rebuild them.
 */
export interface InMemoryStore {
  users: Map<string, Record<string, unknown>>;
  products: Map<string, Record<string, unknown>>;
  /** The stock ledger, in insertion order (ids are time-ordered too). */
  stockMovements: Record<string, unknown>[];
  orders: Map<string, Record<string, unknown>>;
  /** Keyed `orderId/version`: like the table's primary key, one event per version. */
  orderHistory: Map<string, Record<string, unknown>>;
  outbox: Record<string, unknown>[];
  idempotency: Map<string, Record<string, unknown>>;
  refreshTokens: Map<string, Record<string, unknown>>;
  resetTokens: Map<string, Record<string, unknown>>;
  webhookEndpoints: Map<string, Record<string, unknown>>;
  webhookDeliveries: Map<string, Record<string, unknown>>;
}

export const emptyStore = (): InMemoryStore => ({
  users: new Map(),
  products: new Map(),
  stockMovements: [],
  orders: new Map(),
  orderHistory: new Map(),
  outbox: [],
  idempotency: new Map(),
  refreshTokens: new Map(),
  resetTokens: new Map(),
  webhookEndpoints: new Map(),
  webhookDeliveries: new Map(),
});

export const cloneStore = (s: InMemoryStore): InMemoryStore => structuredClone(s);

/** Deletes the rows of a table that match, as a DELETE … WHERE would; returns how many. */
export const deleteWhere = <Row>(rows: Map<string, Row>, matches: (row: Row) => boolean): number => {
  let deleted = 0;
  for (const [key, row] of rows) {
    if (matches(row)) {
      rows.delete(key);
      deleted += 1;
    }
  }
  return deleted;
};
