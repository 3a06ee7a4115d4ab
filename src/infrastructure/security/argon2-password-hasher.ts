import { availableParallelism } from 'node:os';
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

/**
 * How many hashes run at once: one core is left to the event loop (which serves every
 * other request), and at least one thread-pool thread stays free for file and crypto work.
 * More would not hash faster (the work is CPU-bound) but would slow every other request
 * and cost 19 MiB of memory each. Extra hashes wait their turn in a queue.
 */
export const defaultHashConcurrency = (): number => {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, Math.min(availableParallelism() - 1, pool - 1));
};

/** A counting semaphore: at most `max` tasks run at once, the rest wait in arrival order. */
class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter, or give it back.
      if (next) next();
      else this.running -= 1;
    }
  }
}

export class Argon2PasswordHasher implements PasswordHasher {
  private readonly limiter: Limiter;

  constructor(
    private readonly options: { memoryCost: number; timeCost: number; parallelism: number } = OWASP_ARGON2ID,
    maxConcurrent: number = defaultHashConcurrency(),
  ) {
    this.limiter = new Limiter(Math.max(1, maxConcurrent));
  }

  hash(password: string): Promise<string> {
    return this.limiter.run(() => hash(password, { ...this.options, algorithm: ARGON2ID }));
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await this.limiter.run(() => verify(passwordHash, password));
    } catch {
      return false; // a malformed stored hash never authenticates
    }
  }
}
