/** Why a refresh token cannot be used: `used` and `revoked` mean someone replays it. */
export type RefreshTokenState = 'usable' | 'expired' | 'used' | 'revoked';

export interface RefreshTokenProps {
  /** The token's hash: the token itself is never stored. */
  tokenHash: string;
  /** Every token rotated from one login shares the family id: the unit a logout or a replay revokes. */
  familyId: string;
  userId: string;
  /** When the family's login happened; a password change after it ends the family whatever its tokens say. */
  sessionStartedAt: Date;
  issuedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** One refresh token of a session family: single use, rotated on every refresh. */
export class RefreshToken {
  private constructor(readonly props: Readonly<RefreshTokenProps>) {}

  /** The first token of a new family (a login). */
  static startFamily(input: { tokenHash: string; familyId: string; userId: string; now: Date; ttlSeconds: number }): RefreshToken {
    return new RefreshToken({
      tokenHash: input.tokenHash,
      familyId: input.familyId,
      userId: input.userId,
      sessionStartedAt: input.now,
      issuedAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
      usedAt: null,
      revokedAt: null,
    });
  }

  static restore(props: RefreshTokenProps): RefreshToken {
    return new RefreshToken({ ...props });
  }

  /** The token that replaces this one, in the same family and session. */
  successor(input: { tokenHash: string; now: Date; ttlSeconds: number }): RefreshToken {
    return new RefreshToken({
      ...this.props,
      tokenHash: input.tokenHash,
      issuedAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
      usedAt: null,
      revokedAt: null,
    });
  }

  get tokenHash(): string { return this.props.tokenHash; }
  get familyId(): string { return this.props.familyId; }
  get userId(): string { return this.props.userId; }
  get sessionStartedAt(): Date { return this.props.sessionStartedAt; }

  state(now: Date): RefreshTokenState {
    if (this.props.revokedAt !== null) return 'revoked';
    if (this.props.usedAt !== null) return 'used';
    if (now.getTime() >= this.props.expiresAt.getTime()) return 'expired';
    return 'usable';
  }
}
