import { Redis, type Result } from 'ioredis';
import type { AttemptCount, AttemptStore } from './attempt.store.js';

// INCR decides, and the window is opened in the same script, so two nodes can never both see "first".
// A key left without an expiry (it cannot happen through this store, but a stray write could) gets one.
const HIT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {c, t}`;

// DECR only inside an open window: a plain DECR on an expired key would create it at -1 with no expiry.
const GIVE_BACK = `
local v = tonumber(redis.call('GET', KEYS[1]))
if v and v > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    throttleHit(key: string, windowMs: number): Result<[number, number], Context>;
    throttleGiveBack(key: string): Result<number, Context>;
  }
}

export interface RedisAttemptStoreOptions {
  /** Prepended to every key, so several apps (or test runs) can share one Redis database. */
  keyPrefix?: string;
}

/**
 * Attempt counters shared by every app process through Redis, so a guesser cannot
 * spread attempts across nodes. Commands time out after 1 s rather than hang a
 * request while Redis is unreachable; the request then fails (never passes unthrottled).
 */
export class RedisAttemptStore implements AttemptStore {
  private readonly redis: Redis;

  constructor(url: string, options: RedisAttemptStoreOptions = {}) {
    this.redis = new Redis(url, {
      keyPrefix: options.keyPrefix ?? 'orders:throttle:',
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
    });
    this.redis.on('error', () => undefined); // reconnects by itself; failures surface per command
    this.redis.defineCommand('throttleHit', { numberOfKeys: 1, lua: HIT });
    this.redis.defineCommand('throttleGiveBack', { numberOfKeys: 1, lua: GIVE_BACK });
  }

  async hit(key: string, windowMs: number): Promise<AttemptCount> {
    const [count, resetInMs] = await this.redis.throttleHit(key, Math.max(1, Math.round(windowMs)));
    return { count, resetInMs };
  }

  async peek(key: string): Promise<AttemptCount> {
    const replies = (await this.redis.multi().get(key).pttl(key).exec()) ?? [];
    const [count, ttl] = replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    const resetInMs = Number(ttl);
    return resetInMs > 0 ? { count: Number(count ?? 0), resetInMs } : { count: 0, resetInMs: 0 };
  }

  async giveBack(key: string): Promise<void> {
    await this.redis.throttleGiveBack(key);
  }

  async extend(key: string, windowMs: number): Promise<void> {
    await this.redis.pexpire(key, Math.max(1, Math.round(windowMs))); // a missing key stays missing
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
