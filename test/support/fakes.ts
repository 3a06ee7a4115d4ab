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

export class FakeTokens implements TokenService {
  async issue(userId: string): Promise<IssuedToken> {
    return { accessToken: `token:${userId}`, expiresInSeconds: 60 };
  }
  async verify(token: string) {
    if (!token.startsWith('token:')) throw new DomainError('auth.invalid_token', 'bad token');
    return { userId: token.slice('token:'.length) };
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
