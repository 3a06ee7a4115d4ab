/** A client's Idempotency-Key, scoped to the user who sent it. */
export interface IdempotencyKey {
  readonly userId: string;
  readonly key: string;
}

export interface IdempotencyRecord {
  /** Hash of method + path + body of the request that first used the key. */
  readonly fingerprint: string;
  readonly state: 'in_flight' | 'completed';
  /** The first response's body (completed records only). */
  readonly response: unknown;
  /** Until when an in-flight claim is held; past it, a crashed request's claim can be taken over. */
  readonly lockedUntil: Date;
  readonly createdAt: Date;
}

/**
 * Storage for idempotency keys. Lives in the database (not in process memory), so a
 * replay is recognised across processes and restarts.
 */
export interface IdempotencyStore {
  /** Inserts an in-flight record unless one exists: null when this call inserted it, else the existing record. */
  tryInsert(key: IdempotencyKey, fingerprint: string, now: Date, lockedUntil: Date): Promise<IdempotencyRecord | null>;
  /** Takes over a stale record; false when someone else changed it since it was read (`seen`). */
  takeOver(key: IdempotencyKey, fingerprint: string, now: Date, lockedUntil: Date, seen: IdempotencyRecord): Promise<boolean>;
  /** Stores the response; called inside the same transaction as the change it describes. */
  complete(key: IdempotencyKey, response: unknown): Promise<void>;
  /** Forgets an in-flight claim whose request failed, so a retry runs again. */
  release(key: IdempotencyKey): Promise<void>;
  /** Deletes every record created before `cutoff`, whatever its state; returns how many. */
  purgeCreatedBefore(cutoff: Date): Promise<number>;
}
