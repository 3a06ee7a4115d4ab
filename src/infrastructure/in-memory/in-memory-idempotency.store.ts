import type { IdempotencyKey, IdempotencyRecord, IdempotencyStore } from '../../application/ports/idempotency-store.port.js';
import type { InMemoryStore } from './in-memory-store.js';

interface Row {
  fingerprint: string;
  state: 'in_flight' | 'completed';
  response: string | null;
  lockedUntil: string;
  createdAt: string;
}

const id = (k: IdempotencyKey) => JSON.stringify([k.userId, k.key]);
const toRecord = (r: Row): IdempotencyRecord => ({
  fingerprint: r.fingerprint,
  state: r.state,
  response: r.response === null ? null : JSON.parse(r.response),
  lockedUntil: new Date(r.lockedUntil),
  createdAt: new Date(r.createdAt),
});

export class InMemoryIdempotencyStore implements IdempotencyStore {
  constructor(private readonly store: InMemoryStore) {}

  private get rows(): Map<string, Row> {
    return this.store.idempotency as unknown as Map<string, Row>;
  }

  async tryInsert(key: IdempotencyKey, fingerprint: string, now: Date, lockedUntil: Date) {
    const existing = this.rows.get(id(key));
    if (existing) return toRecord(existing);
    this.rows.set(id(key), { fingerprint, state: 'in_flight', response: null, lockedUntil: lockedUntil.toISOString(), createdAt: now.toISOString() });
    return null;
  }

  async takeOver(key: IdempotencyKey, fingerprint: string, now: Date, lockedUntil: Date, seen: IdempotencyRecord) {
    const r = this.rows.get(id(key));
    if (!r || r.createdAt !== seen.createdAt.toISOString() || r.lockedUntil !== seen.lockedUntil.toISOString()) return false;
    this.rows.set(id(key), { fingerprint, state: 'in_flight', response: null, lockedUntil: lockedUntil.toISOString(), createdAt: now.toISOString() });
    return true;
  }

  async complete(key: IdempotencyKey, response: unknown) {
    const r = this.rows.get(id(key));
    if (r) this.rows.set(id(key), { ...r, state: 'completed', response: JSON.stringify(response) });
  }

  async release(key: IdempotencyKey) {
    if (this.rows.get(id(key))?.state === 'in_flight') this.rows.delete(id(key));
  }

  async purgeCreatedBefore(cutoff: Date) {
    let purged = 0;
    for (const [k, r] of this.rows) {
      if (new Date(r.createdAt) < cutoff) {
        this.rows.delete(k);
        purged += 1;
      }
    }
    return purged;
  }
}
