import { Redis } from 'ioredis';
import type { FailureStore } from './login-throttle.js';

/**
 * Login-failure counters shared by every app process through Redis, so a brute
 * force cannot spread its guesses across nodes. Commands time out after 1 s
 * rather than hang a login while Redis is unreachable.
 */
export class RedisFailureStore implements FailureStore {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 1_000 });
    this.redis.on('error', () => undefined); // reconnects by itself; failures surface per command
  }

  async get(key: string) {
    const [count, ttl] = await this.redis.multi().get(key).pttl(key).exec().then((r) => (r ?? []).map(([, v]) => v));
    return { count: Number(count ?? 0), resetInMs: Math.max(0, Number(ttl ?? 0)) };
  }

  async increment(key: string, windowMs: number) {
    // The first failure opens the window; later ones count inside it.
    await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').exec();
  }

  async reset(key: string) {
    await this.redis.del(key);
  }

  async close() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
