import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { InProcessFailureStore, type FailureStore } from '../../../src/infrastructure/http/login-throttle.js';
import { RedisFailureStore } from '../../../src/infrastructure/http/redis-failure-store.js';
import { REDIS_URL, redisAvailable } from '../../support/redis.js';

const redisStores: RedisFailureStore[] = [];
const targets: { name: string; make: () => FailureStore }[] = [
  { name: 'in-process', make: () => new InProcessFailureStore() },
  ...(redisAvailable
    ? [{ name: 'redis', make: () => {
        const s = new RedisFailureStore(REDIS_URL);
        redisStores.push(s);
        return s;
      } }]
    : []),
];

afterAll(async () => {
  for (const s of redisStores) await s.close();
});

describe.each(targets)('login failure store on $name', ({ make }) => {
  it('counts failures inside a window, reports time left, and resets', async () => {
    const store = make();
    const key = `test:${randomUUID()}`;
    expect(await store.get(key)).toEqual({ count: 0, resetInMs: 0 });
    await store.increment(key, 60_000);
    await store.increment(key, 60_000);
    const s = await store.get(key);
    expect(s.count).toBe(2);
    expect(s.resetInMs).toBeGreaterThan(50_000);
    expect(s.resetInMs).toBeLessThanOrEqual(60_000);
    await store.reset(key);
    expect((await store.get(key)).count).toBe(0);
  });

  it('a window expires by itself', async () => {
    const store = make();
    const key = `test:${randomUUID()}`;
    await store.increment(key, 50);
    await new Promise((r) => setTimeout(r, 120));
    expect((await store.get(key)).count).toBe(0);
  });
});

describe.skipIf(!redisAvailable)('with Redis, the throttle holds across nodes', () => {
  it('failures recorded by one process are seen by another', async () => {
    const a = new RedisFailureStore(REDIS_URL);
    const b = new RedisFailureStore(REDIS_URL);
    redisStores.push(a, b);
    const key = `test:${randomUUID()}`;
    for (let i = 0; i < 3; i++) await a.increment(key, 60_000);
    expect((await b.get(key)).count).toBe(3);
  });
});
