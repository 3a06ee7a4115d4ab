import { PasswordResetToken } from '../../domain/users/password-reset-token.js';
import type { PasswordResetTokenRepository } from '../../domain/users/password-reset-token.repository.port.js';
import { deleteWhere, type InMemoryStore } from './in-memory-store.js';

interface Row {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export class InMemoryPasswordResetTokenRepository implements PasswordResetTokenRepository {
  constructor(private readonly store: InMemoryStore) {}

  private get rows(): Map<string, Row> {
    return this.store.resetTokens as unknown as Map<string, Row>;
  }

  async insert(token: PasswordResetToken): Promise<void> {
    const p = token.props;
    if (this.rows.has(p.tokenHash)) throw new Error('duplicate reset token hash');
    this.rows.set(p.tokenHash, { tokenHash: p.tokenHash, userId: p.userId, createdAt: p.createdAt.toISOString(), expiresAt: p.expiresAt.toISOString(), usedAt: p.usedAt?.toISOString() ?? null });
  }

  async findByHash(tokenHash: string): Promise<PasswordResetToken | null> {
    const r = this.rows.get(tokenHash);
    return r
      ? PasswordResetToken.restore({ tokenHash: r.tokenHash, userId: r.userId, createdAt: new Date(r.createdAt), expiresAt: new Date(r.expiresAt), usedAt: r.usedAt === null ? null : new Date(r.usedAt) })
      : null;
  }

  async consume(tokenHash: string, now: Date): Promise<boolean> {
    const r = this.rows.get(tokenHash);
    if (!r || r.usedAt !== null || new Date(r.expiresAt).getTime() <= now.getTime()) return false;
    const newer = [...this.rows.values()].some((o) => o.userId === r.userId && o.usedAt === null && (o.createdAt > r.createdAt || (o.createdAt === r.createdAt && o.tokenHash > r.tokenHash)));
    if (newer) return false;
    r.usedAt = now.toISOString();
    return true;
  }

  async voidAllOf(userId: string, now: Date): Promise<void> {
    for (const r of this.rows.values()) if (r.userId === userId && r.usedAt === null) r.usedAt = now.toISOString();
  }

  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    return deleteWhere(this.rows, (r) => new Date(r.expiresAt).getTime() < cutoff.getTime());
  }
}
