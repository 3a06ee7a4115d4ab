/**
 * Row types as Kysely sees them. Both dialects share them: ids are text, booleans
 * are written as 1/0 (PostgreSQL's boolean accepts them), timestamps are written
 * as ISO strings and read back as Date (pg) or string (SQLite) — mappers accept both.
 */
export type Timestamp = string | Date;

export interface UsersTable {
  id: string;
  email: string;
  email_normalized: string;
  password_hash: string;
  role: string;
  is_active: number | boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  sessions_valid_after: Timestamp | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  family_id: string;
  user_id: string;
  session_started_at: Timestamp;
  issued_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface OutboxTable {
  id: string;
  type: string;
  aggregate_id: string;
  payload: string;
  occurred_at: Timestamp;
  status: string;
  attempts: number;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  processed_at: Timestamp | null;
}

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  description: string;
  is_active: number | boolean;
  secret_ciphertext: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Timestamp | null;
  next_attempt_at: Timestamp | null;
  lease_until: Timestamp | null;
  window_start: Timestamp;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  fingerprint: string;
  state: string;
  response: string | null;
  locked_until: Timestamp;
  created_at: Timestamp;
}

export interface ProductsTable {
  id: string;
  sku: string;
  sku_normalized: string;
  name: string;
  /** The name lower-cased by the application (`toLowerCase`): the name sort's key. */
  name_lower: string;
  /**
   * What `q` searches: the name and the SKU folded by the application (domain/catalog/search-fold.ts),
   * joined by U+001F, which no name or SKU holds (migration 0011).
   */
  search_text: string;
  description: string;
  status: string;
  price_minor: number;
  currency: string;
  stock: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StockMovementsTable {
  id: string;
  product_id: string;
  delta: number;
  stock_after: number;
  reason: string;
  kind: string;
  order_id: string | null;
  actor_id: string | null;
  created_at: Timestamp;
}

export interface OrdersTable {
  id: string;
  customer_id: string;
  status: string;
  currency: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The order's total in minor units as the aggregate computed it (order.total()): reports sum it. */
  total_minor: number;
  confirmed_at: Timestamp | null;
  carrier: string | null;
  tracking_number: string | null;
  shipped_at: Timestamp | null;
  delivered_at: Timestamp | null;
}

/** One event per order version (primary key order_id, version); `data` is the change's own members as JSON text. */
export interface OrderHistoryTable {
  order_id: string;
  version: number;
  type: string;
  at: Timestamp;
  actor_id: string;
  actor_role: string;
  data: string;
}

export interface OrderItemsTable {
  id: string;
  order_id: string;
  product_id: string;
  product_name: string;
  quantity: number;
  unit_price_minor: number;
  position: number;
}

export interface DB {
  users: UsersTable;
  outbox: OutboxTable;
  products: ProductsTable;
  stock_movements: StockMovementsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_history: OrderHistoryTable;
  idempotency_keys: IdempotencyKeysTable;
  refresh_tokens: RefreshTokensTable;
  password_reset_tokens: PasswordResetTokensTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
