import type { Kysely } from 'kysely';
import type { SqlDialect } from '../database.js';

/*
 * The delivery worker claims per endpoint (each up to its free slots): an endpoint's due rows,
 * oldest first, straight from this index — so a claim reads a few rows per endpoint however
 * long a backlog (or a dead endpoint's queue of retries) is, instead of walking the whole due
 * range past the rows of endpoints already at their limit (docs/adr/0141-webhook-delivery-cost.md).
 */
export const up = async (db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> => {
  await db.schema.createIndex('webhook_deliveries_endpoint_due_idx').on('webhook_deliveries').columns(['endpoint_id', 'status', 'next_attempt_at']).execute();
};
