import { sql, type Kysely } from 'kysely';
import type { DB } from '../database.schema.js';
import { OUTBOX_CHANNEL } from '../migrations/0010-outbox-notify.js';

export interface NotifierLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Wakes the dispatchers of other processes after this one committed events and runs no
 * dispatcher of its own (RUN_WORKER=false, `cli` commands): a NOTIFY in a transaction of its own,
 * after the commit, so it never holds up the commit (migration 0014). Coalesced: while one is in
 * flight, any number of requests get one more, sent after it — and so after each of their commits
 * — so a burst costs two statements and no commit goes unannounced.
 */
export class PostgresOutboxNotifier {
  private draining: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly send: () => Promise<unknown>,
    private readonly logger: NotifierLogger,
  ) {}

  static over(db: Kysely<DB>, logger: NotifierLogger): PostgresOutboxNotifier {
    return new PostgresOutboxNotifier(() => sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db), logger);
  }

  /** Never throws: a failed NOTIFY leaves the event to the dispatchers' safety poll, with a warning. */
  notify(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain();
  }

  /** Resolves once no NOTIFY is in flight (before the database closes). */
  async settled(): Promise<void> {
    await this.draining;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.send();
      } catch (err) {
        this.logger.warn({ err }, 'outbox NOTIFY failed; the dispatchers pick the event up at their next poll');
      }
    } while (this.again);
    this.draining = null;
  }
}
