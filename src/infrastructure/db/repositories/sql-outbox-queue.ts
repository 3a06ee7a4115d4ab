import type { Kysely, Selectable } from 'kysely';
import type { ClaimedEvent, OutboxQueue } from '../../../application/ports/outbox-queue.port.js';
import type { Clock } from '../../../domain/shared/clock.port.js';
import type { SqlDialect } from '../database.js';
import type { DB, OutboxTable } from '../database.schema.js';

type OutboxRow = Selectable<OutboxTable>;

const toClaimed = (row: OutboxRow): ClaimedEvent => ({
  id: row.id,
  attempts: row.attempts,
  event: {
    type: row.type,
    aggregateId: row.aggregate_id,
    occurredAt: new Date(row.occurred_at),
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  },
});

/**
 * The dispatcher's side of the `outbox` table. A claim moves `next_attempt_at` to the
 * end of the lease (and records it in `locked_until`): the claimed row is simply not
 * due until then, so a crashed worker's rows come back by themselves and the claim
 * query needs nothing but the (status, next_attempt_at) index.
 */
export class SqlOutboxQueue implements OutboxQueue {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: SqlDialect,
    private readonly clock: Clock,
  ) {}

  async claim(limit: number, leaseMs: number): Promise<ClaimedEvent[]> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const leaseEnd = new Date(now.getTime() + leaseMs).toISOString();
    const rows = await this.claimDue(limit, nowIso, leaseEnd);
    return rows.map(toClaimed);
  }

  async complete(id: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'done', processed_at: this.clock.now().toISOString(), locked_until: null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  async completeAll(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set({ status: 'done', processed_at: this.clock.now().toISOString(), locked_until: null })
      .where('id', 'in', [...ids])
      .where('status', '=', 'pending')
      .execute();
  }

  async fail(id: string, error: string, nextAttemptAt: Date | null): Promise<void> {
    const change = nextAttemptAt
      ? { next_attempt_at: nextAttemptAt.toISOString() }
      : { status: 'dead', processed_at: this.clock.now().toISOString() };
    await this.db
      .updateTable('outbox')
      .set({ ...change, last_error: error, locked_until: null })
      .where('id', '=', id)
      // A row another worker finished meanwhile (after our lease ran out) stays finished.
      .where('status', '=', 'pending')
      .execute();
  }

  async nextDueAt(): Promise<Date | null> {
    // The first entry of the (status, next_attempt_at) index.
    const row = await this.db
      .selectFrom('outbox')
      .select('next_attempt_at')
      .where('status', '=', 'pending')
      .orderBy('next_attempt_at')
      .limit(1)
      .executeTakeFirst();
    return row ? new Date(row.next_attempt_at) : null;
  }

  /**
   * One statement leases the due rows and commits at once, so row locks last milliseconds, not a
   * whole delivery. PostgreSQL, many workers: the inner select skips rows another worker has
   * locked (SKIP LOCKED) — one round trip, not four (BEGIN, select, update, COMMIT). SQLite has
   * one writer at a time, so the UPDATE … RETURNING alone is atomic.
   */
  private claimDue(limit: number, now: string, leaseEnd: string): Promise<OutboxRow[]> {
    return this.db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), locked_until: leaseEnd, next_attempt_at: leaseEnd }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(limit)
          .$if(this.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
      )
      .returningAll()
      .execute();
  }
}
