import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../database.js';

/*
 * PostgreSQL: the outbox insert trigger of 0010 goes. A NOTIFY inside a transaction takes a
 * database-wide lock from before its commit until after the commit's WAL flush, so every
 * transaction that wrote an event committed alone, one flush each, across the whole cluster.
 * The process that commits an event now wakes a dispatcher itself, after the commit: its own,
 * or the others through a NOTIFY of its own (postgres-outbox-notifier.ts, ADR 0150 third round).
 */
export const up = async (db: Kysely<unknown>, dialect: SqlDialect): Promise<void> => {
  if (dialect !== 'postgres') return;
  await sql`DROP TRIGGER IF EXISTS outbox_notify ON outbox`.execute(db);
  await sql`DROP FUNCTION IF EXISTS outbox_notify()`.execute(db);
};
