import { webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { IssuedToken, TokenService, VerifiedAccessToken } from '../../application/ports/token-service.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';

const ISSUER = 'orders-service';
const AUDIENCE = 'orders-api';

/** Verified tokens remembered per process (≈ 250 B each); the oldest is forgotten first. */
const VERIFIED_CACHE_SIZE = 10_000;

interface VerifiedToken {
  userId: string;
  /** `iat`, in seconds since the epoch. */
  issuedAt: number;
  /** `exp`, in seconds since the epoch. */
  expiresAt: number;
}

/**
 * HS256 JWTs. The algorithm is pinned on verify, so `alg: none` or an RS/ES token
 * signed with a public key is refused; `exp`, `iss` and `aud` are checked.
 *
 * Two things are done once instead of per request (profiling): the secret is imported as
 * a WebCrypto key once (jose re-imports a raw Uint8Array secret on every call), and a
 * token whose signature and claims were verified is remembered until its `exp`. The cache
 * holds only tokens that fully verified, keyed by the exact token text, and answers only
 * with what that verification found: a token is still refused the second it expires, and
 * it proves only who the caller is — the use case still reads the user on every request,
 * so deactivation and role changes take effect at once.
 */
export class JoseTokenService implements TokenService {
  private readonly key: Promise<webcrypto.CryptoKey>;
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    /** Milliseconds since the epoch: the service's clock, injectable so tests can move time. */
    private readonly nowMs: () => number = () => Date.now(),
  ) {
    this.key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async issue(userId: string): Promise<IssuedToken> {
    const iat = Math.floor(this.nowMs() / 1000);
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .sign(await this.key);
    return { accessToken, expiresInSeconds: this.ttlSeconds };
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    const now = Math.floor(this.nowMs() / 1000);
    const known = this.verified.get(token);
    if (known !== undefined) {
      // The same rule as jose's: expired once `exp` is not in the future.
      if (known.expiresAt > now) return { userId: known.userId, issuedAt: new Date(known.issuedAt * 1000) };
      this.verified.delete(token);
      throw invalidToken();
    }
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'sub', 'iat'],
        currentDate: new Date(this.nowMs()),
      });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('no subject');
      if (typeof payload.iat !== 'number') throw new Error('no issue time');
      // Tokens carrying `nbf` are not cached: their validity also has a start.
      if (typeof payload.exp === 'number' && payload.nbf === undefined) this.remember(token, { userId: payload.sub, issuedAt: payload.iat, expiresAt: payload.exp });
      return { userId: payload.sub, issuedAt: new Date(payload.iat * 1000) };
    } catch {
      throw invalidToken();
    }
  }

  private remember(token: string, entry: VerifiedToken): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, entry);
  }
}

const invalidToken = () => new DomainError('auth.invalid_token', 'the access token is invalid or expired');
