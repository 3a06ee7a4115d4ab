import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { OUTBOX_CHANNEL } from '../migrations/0010-outbox-notify.js';
import type { DB } from '../database.schema.js';

export interface DeadEventSummary {
  id: string;
  type: string;
  attempts: number;
  lastError: string | null;
  diedAt: Date | null;
}

export interface OutboxStats {
  pending: number;
  dead: number;
  done: number;
  /** The most recently parked dead rows, newest first. */
  recentDead: DeadEventSummary[];
}

/** Row counts per status and the latest dead rows: for `cli outbox` and a metrics gauge. */
export const outboxStats = async (db: Kysely<DB>, recentDeadLimit = 10): Promise<OutboxStats> => {
  const counts = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  const dead = await db
    .selectFrom('outbox')
    .select(['id', 'type', 'attempts', 'last_error', 'processed_at'])
    .where('status', '=', 'dead')
    .orderBy('processed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(recentDeadLimit)
    .execute();
  return {
    pending: count('pending'),
    dead: count('dead'),
    done: count('done'),
    recentDead: dead.map((r) => ({
      id: r.id,
      type: r.type,
      attempts: r.attempts,
      lastError: r.last_error,
      diedAt: r.processed_at === null ? null : new Date(r.processed_at),
    })),
  };
};

/** Gives every dead row a fresh set of attempts, due now (after the cause was fixed). Returns how many. */
export const requeueDeadEvents = async (db: Kysely<DB>, now: Date): Promise<number> => {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now.toISOString(), locked_until: null, processed_at: null })
    .where('status', '=', 'dead')
    .executeTakeFirst();
  // The CLI runs no dispatcher: wake the PostgreSQL ones, after the update committed (migration 0014).
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db);
  return Number(result.numUpdatedRows);
};
