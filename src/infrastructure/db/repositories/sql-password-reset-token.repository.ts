import type { Kysely } from 'kysely';
import { PasswordResetToken } from '../../../domain/users/password-reset-token.js';
import type { PasswordResetTokenRepository } from '../../../domain/users/password-reset-token.repository.port.js';
import type { DB } from '../database.schema.js';
import { toDate, toIso } from '../mappers/row-values.js';

/** Bound to the unit of work's executor; never commits. */
export class SqlPasswordResetTokenRepository implements PasswordResetTokenRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(token: PasswordResetToken): Promise<void> {
    const p = token.props;
    await this.db
      .insertInto('password_reset_tokens')
      .values({ token_hash: p.tokenHash, user_id: p.userId, created_at: toIso(p.createdAt), expires_at: toIso(p.expiresAt), used_at: p.usedAt === null ? null : toIso(p.usedAt) })
      .execute();
  }

  async findByHash(tokenHash: string): Promise<PasswordResetToken | null> {
    const r = await this.db.selectFrom('password_reset_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r
      ? PasswordResetToken.restore({ tokenHash: r.token_hash, userId: r.user_id, createdAt: toDate(r.created_at), expiresAt: toDate(r.expires_at), usedAt: r.used_at === null ? null : toDate(r.used_at) })
      : null;
  }

  async consume(tokenHash: string, now: Date): Promise<boolean> {
    const token = await this.db.selectFrom('password_reset_tokens').select(['user_id', 'created_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!token) return false;
    const createdAt = toIso(toDate(token.created_at));
    // ISO-8601 UTC text compares in time order on SQLite; timestamptz compares natively on pg.
    const result = await this.db
      .updateTable('password_reset_tokens')
      .set({ used_at: toIso(now) })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', toIso(now))
      .where(({ not, exists, selectFrom, or, and }) =>
        not(
          exists(
            selectFrom('password_reset_tokens as newer')
              .select('newer.token_hash')
              .where('newer.user_id', '=', token.user_id)
              .where('newer.used_at', 'is', null)
              .where((w) => or([w('newer.created_at', '>', createdAt), and([w('newer.created_at', '=', createdAt), w('newer.token_hash', '>', tokenHash)])])),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async voidAllOf(userId: string, now: Date): Promise<void> {
    await this.db.updateTable('password_reset_tokens').set({ used_at: toIso(now) }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  }

  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    const result = await this.db.deleteFrom('password_reset_tokens').where('expires_at', '<', toIso(cutoff)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
