import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm is an ambient const enum; Argon2id is its member 2.
const ARGON2ID = 2 as Algorithm;
import type { PasswordHasher } from '../../application/ports/password-hasher.port.js';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first option
 * (m = 19 MiB, t = 2, p = 1). @node-rs/argon2 runs on libuv's thread pool,
 * so hashing never blocks the event loop.
 */
export const OWASP_ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class Argon2PasswordHasher implements PasswordHasher {
  constructor(private readonly options: { memoryCost: number; timeCost: number; parallelism: number } = OWASP_ARGON2ID) {}

  hash(password: string): Promise<string> {
    return hash(password, { ...this.options, algorithm: ARGON2ID });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false; // a malformed stored hash never authenticates
    }
  }
}
