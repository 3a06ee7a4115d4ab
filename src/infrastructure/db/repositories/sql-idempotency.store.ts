import type { Kysely } from 'kysely';
import type { IdempotencyKey, IdempotencyRecord, IdempotencyStore } from '../../../application/ports/idempotency-store.port.js';
import type { DB, IdempotencyKeysTable } from '../database.schema.js';
import { toDate, toIso } from '../mappers/row-values.js';

const toRecord = (row: IdempotencyKeysTable): IdempotencyRecord => ({
  fingerprint: row.fingerprint,
  state: row.state === 'completed' ? 'completed' : 'in_flight',
  response: row.response === null ? null : JSON.parse(row.response),
  lockedUntil: toDate(row.locked_until),
  createdAt: toDate(row.created_at),
});

export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Kysely<DB>) {}

  async tryInsert(key: IdempotencyKey, fingerprint: string, now: Date, lockedUntil: Date): Promise<IdempotencyRecord | null> {
    // ON CONFLICT DO NOTHING: a concurrent first use waits on the primary key, then sees the winner's row.
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({ user_id: key.userId, key: key.key, fingerprint, state: 'in_flight', response: null, locked_until: toIso(lockedUntil), created_at: toIso(now) })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return null;
    const row = await this.db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', key.userId).where('key', '=', key.key).executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async takeOver(key: IdempotencyKey, fingerprint: string, now: Date, lockedUntil: Date, seen: IdempotencyRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('idempotency_keys')
      .set({ fingerprint, state: 'in_flight', response: null, locked_until: toIso(lockedUntil), created_at: toIso(now) })
      .where('user_id', '=', key.userId)
      .where('key', '=', key.key)
      .where('created_at', '=', toIso(seen.createdAt))
      .where('locked_until', '=', toIso(seen.lockedUntil))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async complete(key: IdempotencyKey, response: unknown): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({ state: 'completed', response: JSON.stringify(response) })
      .where('user_id', '=', key.userId)
      .where('key', '=', key.key)
      .execute();
  }

  async release(key: IdempotencyKey): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('user_id', '=', key.userId).where('key', '=', key.key).where('state', '=', 'in_flight').execute();
  }

  async purgeCreatedBefore(cutoff: Date): Promise<number> {
    // One statement on the created_at index: several nodes purging at once just delete nothing twice.
    const result = await this.db.deleteFrom('idempotency_keys').where('created_at', '<', toIso(cutoff)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
