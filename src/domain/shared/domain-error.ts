/**
 * Every rule the domain refuses is a DomainError with a stable `code`.
 * Codes are part of the public behaviour (the HTTP layer maps them to problems);
 * renaming one is a breaking change. No HTTP knowledge lives here.
 */
export type DomainErrorCode =
  | 'validation.invalid'
  | 'user.not_found'
  | 'user.email_taken'
  | 'user.inactive'
  | 'auth.invalid_credentials'
  | 'auth.invalid_token'
  | 'auth.forbidden'
  | 'auth.invalid_refresh_token'
  | 'auth.wrong_password'
  | 'auth.invalid_reset_token'
  | 'product.not_found'
  | 'product.sku_taken'
  | 'product.archived'
  | 'money.currency_mismatch'
  | 'order.not_found'
  | 'order.item_not_found'
  | 'order.not_pending'
  | 'order.empty'
  | 'order.already_cancelled'
  | 'order.already_shipped'
  | 'order.not_confirmed'
  | 'order.not_shipped'
  | 'order.currency_mismatch'
  | 'order.version_mismatch'
  | 'order.concurrent_update'
  | 'stock.insufficient'
  | 'idempotency.key_reused'
  | 'idempotency.in_flight'
  | 'webhook.not_found'
  | 'webhook.delivery_not_found';

export interface FieldIssue {
  /** Where the problem is, e.g. `/email` or `/items/0/quantity` (JSON Pointer). */
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Field-level detail for validation failures (shown to clients). */
    readonly issues: readonly FieldIssue[] = [],
    /** Extra, client-safe facts (e.g. the products short of stock). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A 422-style refusal naming the offending field. */
export const invalid = (path: string, message: string): DomainError =>
  new DomainError('validation.invalid', message, [{ path, message }]);
