export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

export interface VerifiedAccessToken {
  readonly userId: string;
  /** The token's `iat`: whole seconds, so a session ended in that same second also ends this token. */
  readonly issuedAt: Date;
}

/** Access tokens. `verify` throws DomainError('auth.invalid_token') for anything it does not trust. */
export interface TokenService {
  issue(userId: string): Promise<IssuedToken>;
  verify(token: string): Promise<VerifiedAccessToken>;
}
