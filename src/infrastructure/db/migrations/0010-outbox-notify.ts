import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../database.js';

/** The channel the outbox trigger notifies and the dispatchers listen on (postgres/postgres-outbox-listener.ts). */
export const OUTBOX_CHANNEL = 'outbox_pending';

/*
 * PostgreSQL: every statement that inserts outbox rows notifies the dispatchers, in the
 * inserting transaction (delivered at its commit, never for a rollback, one per transaction),
 * so they wake on work instead of polling and no insert path can forget to notify.
 * SQLite has no NOTIFY: its dispatcher keeps polling.
 */
export const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  if (dialect !== 'postgres') return;
  await sql`CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify(${sql.lit(OUTBOX_CHANNEL)}, '');
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`.execute(db);
};
