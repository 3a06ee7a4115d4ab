import { DomainError, type DomainErrorCode } from '../../domain/shared/domain-error.js';
import type { LoginOutcome } from '../metrics/business-metrics.js';
import { ERROR_TABLE } from './error-table.js';

const LOGIN_REFUSALS: Partial<Record<DomainErrorCode, LoginOutcome>> = {
  // Unknown email and wrong password are one answer to the client; one figure for the operator too.
  'auth.invalid_credentials': 'wrong_password',
  'user.inactive': 'inactive',
};

/** The login outcome an error from the password grant stands for, or null (bad input, an outage: not a login attempt's outcome). */
export const loginRefusalOf = (error: unknown): LoginOutcome | null =>
  error instanceof DomainError ? (LOGIN_REFUSALS[error.code] ?? null) : null;

/** Conflicts that are about the request, not the order: retry or fix the request, nothing was refused. */
const NOT_REFUSALS: ReadonlySet<DomainErrorCode> = new Set(['order.concurrent_update', 'idempotency.in_flight', 'idempotency.key_reused', 'validation.invalid']);

/**
 * The error code when a confirmation was refused for what the order or the shop holds
 * (stock, an empty or no longer pending order: the 409s and 422s of the business rules), else null.
 */
export const confirmationRefusalOf = (error: unknown): string | null => {
  if (!(error instanceof DomainError) || NOT_REFUSALS.has(error.code)) return null;
  const status = ERROR_TABLE[error.code].status;
  return status === 409 || status === 422 ? error.code : null;
};
