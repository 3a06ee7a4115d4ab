import { sql, type Kysely } from 'kysely';
import type { Outbox } from '../../../application/ports/outbox.port.js';
import type { DomainEvent } from '../../../domain/shared/domain-event.js';
import type { IdGenerator } from '../../../domain/shared/id-generator.port.js';
import type { DB } from '../database.schema.js';
import type { PendingRows } from './pending-rows.js';

/**
 * Writes events as outbox rows through the caller's transaction. With `pending` (PostgreSQL) the
 * rows wait for the order save that follows, which writes them in its own statement, or for the
 * unit of work's flush before COMMIT (see pending-rows.ts).
 */
export class SqlOutbox implements Outbox {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly ids: IdGenerator,
    private readonly pending?: PendingRows,
  ) {}

  async add(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (this.pending) {
      this.pending.addOutbox(
        events.map((e) => {
          const at = e.occurredAt.toISOString();
          return { id: this.ids.next(), type: e.type, aggregate_id: e.aggregateId, payload: JSON.stringify(e.payload), occurred_at: at, status: 'pending', attempts: 0, next_attempt_at: at };
        }),
      );
      return;
    }
    const [only] = events;
    if (events.length === 1 && only) {
      // One event per change is the common case: literal SQL, no query building per call (docs/adr/0010).
      const at = only.occurredAt.toISOString();
      await sql`INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, status, attempts, next_attempt_at)
        VALUES (${this.ids.next()}, ${only.type}, ${only.aggregateId}, ${JSON.stringify(only.payload)}, ${at}, 'pending', 0, ${at})`.execute(this.db);
      return;
    }
    await this.db
      .insertInto('outbox')
      .values(
        events.map((e) => ({
          id: this.ids.next(),
          type: e.type,
          aggregate_id: e.aggregateId,
          payload: JSON.stringify(e.payload),
          occurred_at: e.occurredAt.toISOString(),
          status: 'pending',
          attempts: 0,
          next_attempt_at: e.occurredAt.toISOString(),
          locked_until: null,
          last_error: null,
          processed_at: null,
        })),
      )
      .execute();
  }
}
