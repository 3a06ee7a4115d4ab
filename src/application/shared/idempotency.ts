import type { Clock } from '../../domain/shared/clock.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { IdempotencyKey } from '../ports/idempotency-store.port.js';
import type { TransactionContext, UnitOfWork } from '../ports/unit-of-work.port.js';

/** What a request names when it wants at-most-once execution. */
export interface IdempotencyRequest extends IdempotencyKey {
  readonly fingerprint: string;
}

/** Keys are kept at least this long (the contract: 24 h). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A claim older than this belongs to a request that died; its key may be reused. */
export const IDEMPOTENCY_LEASE_MS = 60 * 1000;

/** Records the response in the transaction of the change, so both commit or neither does. */
export type Seal<T> = (tx: TransactionContext, response: T) => Promise<void>;

const keyReused = () =>
  new DomainError('idempotency.key_reused', 'this Idempotency-Key was already used with a different request', [
    { path: 'Idempotency-Key', message: 'was used with a different method, path or body' },
  ]);
const inFlight = () => new DomainError('idempotency.in_flight', 'a request with this Idempotency-Key is still being processed; retry shortly');

/**
 * At-most-once execution per key. A claim is taken in its own short transaction (so
 * a concurrent duplicate sees it and gets 409); the change and its stored response
 * then commit together through `seal`. A failed attempt releases the claim: it
 * changed nothing, so running it again is safe.
 */
export const idempotent = async <T>(
  deps: { uow: UnitOfWork; clock: Clock },
  request: IdempotencyRequest | undefined,
  execute: (seal: Seal<T>) => Promise<T>,
): Promise<T> => {
  if (!request) return execute(async () => undefined);
  const { uow, clock } = deps;

  const replay = await uow.run(async (tx) => {
    const now = clock.now();
    const lease = new Date(now.getTime() + IDEMPOTENCY_LEASE_MS);
    const existing = await tx.idempotency.tryInsert(request, request.fingerprint, now, lease);
    if (existing === null) return null;
    const expired = now.getTime() - existing.createdAt.getTime() > IDEMPOTENCY_RETENTION_MS;
    const abandoned = existing.state === 'in_flight' && existing.lockedUntil <= now;
    if (expired || abandoned) {
      if (await tx.idempotency.takeOver(request, request.fingerprint, now, lease, existing)) return null;
      throw inFlight();
    }
    if (existing.fingerprint !== request.fingerprint) throw keyReused();
    if (existing.state === 'in_flight') throw inFlight();
    return { response: existing.response as T };
  });
  if (replay) return replay.response;

  try {
    return await execute((tx, response) => tx.idempotency.complete(request, response));
  } catch (error) {
    await uow.run((tx) => tx.idempotency.release(request)).catch(() => undefined);
    throw error;
  }
};
