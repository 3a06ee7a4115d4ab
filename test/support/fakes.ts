import type { PasswordHasher } from '../../src/application/ports/password-hasher.port.js';
import type { IssuedToken, TokenService } from '../../src/application/ports/token-service.port.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';
import type { IdGenerator } from '../../src/domain/shared/id-generator.port.js';

/** Reversible "hash" for unit tests: fast, and it still distinguishes right from wrong. */
export class FakeHasher implements PasswordHasher {
  verifications = 0;
  async hash(password: string) {
    return `hashed:${password}`;
  }
  async verify(hash: string, password: string) {
    this.verifications += 1;
    return hash === `hashed:${password}`;
  }
}

/** `token:<userId>`, or with a clock `token:<userId>@<iat seconds>` so session ends can be tested. */
export class FakeTokens implements TokenService {
  constructor(private readonly clock?: { now(): Date }) {}
  async issue(userId: string): Promise<IssuedToken> {
    const iat = this.clock ? `@${Math.floor(this.clock.now().getTime() / 1000)}` : '';
    return { accessToken: `token:${userId}${iat}`, expiresInSeconds: 60 };
  }
  async verify(token: string) {
    if (!token.startsWith('token:')) throw new DomainError('auth.invalid_token', 'bad token');
    const [userId = '', iat = '0'] = token.slice('token:'.length).split('@');
    return { userId, issuedAt: new Date(Number(iat) * 1000) };
  }
}

/** Ascending, zero-padded ids, so id order is creation order as with UUIDv7. */
export class SequenceIds implements IdGenerator {
  private n = 0;
  constructor(private readonly prefix = 'id') {}
  next() {
    return `${this.prefix}-${String(++this.n).padStart(6, '0')}`;
  }
}
