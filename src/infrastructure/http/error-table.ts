import type { DomainErrorCode } from '../../domain/shared/domain-error.js';

export interface ProblemKind {
  readonly status: number;
  readonly title: string;
  /** The problem `type` URI (relative to the API's origin). */
  readonly type: string;
}

const p = (status: number, slug: string, title: string): ProblemKind => ({ status, title, type: `/problems/${slug}` });

/** The one table that maps domain error codes to HTTP. Routes never choose a status for an error. */
export const ERROR_TABLE: Record<DomainErrorCode, ProblemKind> = {
  'validation.invalid': p(422, 'validation', 'Your request is not valid'),
  'user.not_found': p(404, 'not-found', 'Not found'),
  'user.email_taken': p(409, 'email-taken', 'That email is already registered'),
  'user.inactive': p(401, 'user-inactive', 'This account is deactivated'),
  'auth.invalid_credentials': p(401, 'invalid-credentials', 'Wrong email or password'),
  'auth.invalid_token': p(401, 'unauthorized', 'Authentication required'),
  'auth.forbidden': p(403, 'forbidden', 'You are not allowed to do this'),
  'auth.invalid_refresh_token': p(401, 'invalid-refresh-token', 'The refresh token is not valid'),
  'auth.wrong_password': p(403, 'wrong-password', 'The current password is wrong'),
  'auth.invalid_reset_token': p(422, 'invalid-reset-token', 'The reset token is not valid'),
  'product.not_found': p(404, 'not-found', 'Not found'),
  'product.sku_taken': p(409, 'sku-taken', 'That SKU is already used'),
  'product.archived': p(409, 'product-archived', 'The product is archived'),
  'money.currency_mismatch': p(422, 'currency-mismatch', 'Currencies do not match'),
  'order.not_found': p(404, 'not-found', 'Not found'),
  'order.item_not_found': p(404, 'not-found', 'Not found'),
  'order.not_pending': p(409, 'order-not-pending', 'The order is no longer pending'),
  'order.empty': p(409, 'order-empty', 'The order has no items'),
  'order.already_cancelled': p(409, 'order-already-cancelled', 'The order is already cancelled'),
  'order.already_shipped': p(409, 'order-already-shipped', 'The order has already shipped'),
  'order.not_confirmed': p(409, 'order-not-confirmed', 'The order is not confirmed'),
  'order.not_shipped': p(409, 'order-not-shipped', 'The order has not shipped'),
  'order.currency_mismatch': p(422, 'currency-mismatch', 'All items of an order must share one currency'),
  'order.version_mismatch': p(412, 'precondition-failed', 'The order has changed since you read it'),
  'order.concurrent_update': p(409, 'concurrent-update', 'The order was changed concurrently; retry'),
  'stock.insufficient': p(409, 'insufficient-stock', 'Not enough stock'),
  'idempotency.key_reused': p(422, 'idempotency-key-reused', 'This Idempotency-Key was used with a different request'),
  'idempotency.in_flight': p(409, 'idempotency-in-flight', 'A request with this Idempotency-Key is still in progress'),
  'webhook.not_found': p(404, 'not-found', 'Not found'),
  'webhook.delivery_not_found': p(404, 'not-found', 'Not found'),
};

/** Problems the HTTP edge raises itself (not domain errors). */
export const EDGE_PROBLEMS = {
  malformed: p(400, 'malformed-request', 'Malformed request'),
  notFound: p(404, 'not-found', 'Not found'),
  methodNotAllowed: p(405, 'method-not-allowed', 'Method not allowed'),
  tooLarge: p(413, 'payload-too-large', 'Request body too large'),
  unsupportedMediaType: p(415, 'unsupported-media-type', 'Unsupported media type'),
  validation: ERROR_TABLE['validation.invalid'],
  rateLimited: p(429, 'too-many-requests', 'Too many requests'),
  internal: p(500, 'internal', 'Internal server error'),
  unavailable: p(503, 'service-unavailable', 'Service temporarily unavailable'),
} as const;
