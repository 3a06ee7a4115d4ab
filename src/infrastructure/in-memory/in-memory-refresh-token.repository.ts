import { RefreshToken } from '../../domain/users/refresh-token.js';
import type { RefreshTokenRepository } from '../../domain/users/refresh-token.repository.port.js';
import { deleteWhere, type InMemoryStore } from './in-memory-store.js';

interface Row {
  tokenHash: string;
  familyId: string;
  userId: string;
  sessionStartedAt: string;
  issuedAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const date = (s: string | null): Date | null => (s === null ? null : new Date(s));

export class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly store: InMemoryStore) {}

  private get rows(): Map<string, Row> {
    return this.store.refreshTokens as unknown as Map<string, Row>;
  }

  async insert(token: RefreshToken): Promise<void> {
    const p = token.props;
    if (this.rows.has(p.tokenHash)) throw new Error('duplicate refresh token hash');
    this.rows.set(p.tokenHash, {
      tokenHash: p.tokenHash,
      familyId: p.familyId,
      userId: p.userId,
      sessionStartedAt: p.sessionStartedAt.toISOString(),
      issuedAt: p.issuedAt.toISOString(),
      expiresAt: p.expiresAt.toISOString(),
      usedAt: iso(p.usedAt),
      revokedAt: iso(p.revokedAt),
    });
  }

  async findByHash(tokenHash: string): Promise<RefreshToken | null> {
    const r = this.rows.get(tokenHash);
    return r
      ? RefreshToken.restore({
          tokenHash: r.tokenHash,
          familyId: r.familyId,
          userId: r.userId,
          sessionStartedAt: new Date(r.sessionStartedAt),
          issuedAt: new Date(r.issuedAt),
          expiresAt: new Date(r.expiresAt),
          usedAt: date(r.usedAt),
          revokedAt: date(r.revokedAt),
        })
      : null;
  }

  async markUsed(tokenHash: string, now: Date): Promise<boolean> {
    const r = this.rows.get(tokenHash);
    if (!r || r.usedAt !== null || r.revokedAt !== null) return false;
    r.usedAt = now.toISOString();
    return true;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    for (const r of this.rows.values()) if (r.familyId === familyId && r.revokedAt === null) r.revokedAt = now.toISOString();
  }

  async revokeAllOf(userId: string, now: Date): Promise<void> {
    for (const r of this.rows.values()) if (r.userId === userId && r.revokedAt === null) r.revokedAt = now.toISOString();
  }

  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    return deleteWhere(this.rows, (r) => new Date(r.expiresAt).getTime() < cutoff.getTime());
  }
}
