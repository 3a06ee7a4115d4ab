import { createHash, randomBytes } from 'node:crypto';
import type { SecretTokens } from '../../application/ports/secret-tokens.port.js';

/** 32 random bytes (256 bits), base64url; stored as SHA-256 (no salt needed: the input is not guessable). */
export class RandomSecretTokens implements SecretTokens {
  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }
}
