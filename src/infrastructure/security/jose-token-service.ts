import { SignJWT, jwtVerify } from 'jose';
import type { IssuedToken, TokenService } from '../../application/ports/token-service.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';

const ISSUER = 'orders-service';
const AUDIENCE = 'orders-api';

/**
 * HS256 JWTs. The algorithm is pinned on verify, so `alg: none` or an RS/ES token
 * signed with a public key is refused; `exp`, `iss` and `aud` are checked.
 */
export class JoseTokenService implements TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(userId: string): Promise<IssuedToken> {
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { accessToken, expiresInSeconds: this.ttlSeconds };
  }

  async verify(token: string): Promise<{ userId: string }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['exp', 'sub'] });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('no subject');
      return { userId: payload.sub };
    } catch {
      throw new DomainError('auth.invalid_token', 'the access token is invalid or expired');
    }
  }
}
