export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

/** Access tokens. `verify` throws DomainError('auth.invalid_token') for anything it does not trust. */
export interface TokenService {
  issue(userId: string): Promise<IssuedToken>;
  verify(token: string): Promise<{ userId: string }>;
}
