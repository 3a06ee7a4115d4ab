import type { Kysely } from 'kysely';
import { RefreshToken } from '../../../domain/users/refresh-token.js';
import type { RefreshTokenRepository } from '../../../domain/users/refresh-token.repository.port.js';
import type { DB, RefreshTokensTable } from '../database.schema.js';
import { toDate, toIso } from '../mappers/row-values.js';

const fromRow = (r: RefreshTokensTable): RefreshToken =>
  RefreshToken.restore({
    tokenHash: r.token_hash,
    familyId: r.family_id,
    userId: r.user_id,
    sessionStartedAt: toDate(r.session_started_at),
    issuedAt: toDate(r.issued_at),
    expiresAt: toDate(r.expires_at),
    usedAt: r.used_at === null ? null : toDate(r.used_at),
    revokedAt: r.revoked_at === null ? null : toDate(r.revoked_at),
  });

/** Bound to the unit of work's executor; never commits. */
export class SqlRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(token: RefreshToken): Promise<void> {
    const p = token.props;
    await this.db
      .insertInto('refresh_tokens')
      .values({
        token_hash: p.tokenHash,
        family_id: p.familyId,
        user_id: p.userId,
        session_started_at: toIso(p.sessionStartedAt),
        issued_at: toIso(p.issuedAt),
        expires_at: toIso(p.expiresAt),
        used_at: p.usedAt === null ? null : toIso(p.usedAt),
        revoked_at: p.revokedAt === null ? null : toIso(p.revokedAt),
      })
      .execute();
  }

  async findByHash(tokenHash: string): Promise<RefreshToken | null> {
    const row = await this.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async markUsed(tokenHash: string, now: Date): Promise<boolean> {
    // One conditional UPDATE: the database decides which of two racing requests wins.
    const result = await this.db
      .updateTable('refresh_tokens')
      .set({ used_at: toIso(now) })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.db.updateTable('refresh_tokens').set({ revoked_at: toIso(now) }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
  }

  async revokeAllOf(userId: string, now: Date): Promise<void> {
    await this.db.updateTable('refresh_tokens').set({ revoked_at: toIso(now) }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }

  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    const result = await this.db.deleteFrom('refresh_tokens').where('expires_at', '<', toIso(cutoff)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
