import type { Kysely } from 'kysely';

/** The housekeeping purge deletes expired refresh and reset tokens by expiry: index it. */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.createIndex('refresh_tokens_expires_idx').on('refresh_tokens').column('expires_at').execute();
  await db.schema.createIndex('password_reset_tokens_expires_idx').on('password_reset_tokens').column('expires_at').execute();
};
