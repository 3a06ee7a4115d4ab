import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { AttemptStore } from '../../../src/infrastructure/throttle/attempt.store.js';
import { InProcessAttemptStore } from '../../../src/infrastructure/throttle/in-process-attempt.store.js';
import { RedisAttemptStore } from '../../../src/infrastructure/throttle/redis-attempt.store.js';
import { REDIS_URL, redisAvailable } from '../../support/redis.js';

const opened: AttemptStore[] = [];
const track = <S extends AttemptStore>(s: S): S => (opened.push(s), s);

// Other helpers' tests share Redis db 15: every store here lives under its own random prefix.
const redisPair = (): [AttemptStore, AttemptStore] => {
  const keyPrefix = `test:${randomUUID()}:`;
  return [track(new RedisAttemptStore(REDIS_URL, { keyPrefix })), track(new RedisAttemptStore(REDIS_URL, { keyPrefix }))];
};

/** `make` returns two handles on the same counters: one store twice in process, two connections (two nodes) on Redis. */
const targets: { name: string; make: () => [AttemptStore, AttemptStore] }[] = [
  {
    name: 'in-process',
    make: () => {
      const s = track(new InProcessAttemptStore());
      return [s, s];
    },
  },
  ...(redisAvailable ? [{ name: 'redis', make: redisPair }] : []),
];

afterAll(async () => {
  for (const s of opened) await s.close();
});

describe.each(targets)('attempt store on $name', ({ make }) => {
  const key = () => `k:${randomUUID()}`;

  it('hit counts from 1, opens a window on the first attempt and reports the time left', async () => {
    const [store] = make();
    const k = key();
    expect(await store.peek(k)).toEqual({ count: 0, resetInMs: 0 });
    const first = await store.hit(k, 60_000);
    expect(first.count).toBe(1);
    expect(first.resetInMs).toBeGreaterThan(50_000);
    expect(first.resetInMs).toBeLessThanOrEqual(60_000);
    // Later hits count inside the same window: a longer windowMs does not move its end.
    const second = await store.hit(k, 3_600_000);
    expect(second.count).toBe(2);
    expect(second.resetInMs).toBeLessThanOrEqual(60_000);
  });

  it('peek reads without counting', async () => {
    const [store] = make();
    const k = key();
    await store.hit(k, 60_000);
    await store.peek(k);
    expect((await store.peek(k)).count).toBe(1);
    expect((await store.hit(k, 60_000)).count).toBe(2);
  });

  it('parallel hits, through two handles (two nodes), each get a different count: none can slip past a limit', async () => {
    const [a, b] = make();
    const k = key();
    const counts = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).hit(k, 60_000).then((r) => r.count)));
    expect(counts.toSorted((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect((await a.peek(k)).count).toBe(200);
  });

  it('a window expires by itself, and the next hit opens a new one', async () => {
    const [store] = make();
    const k = key();
    await store.hit(k, 50);
    await store.hit(k, 50);
    await new Promise((r) => setTimeout(r, 120));
    expect((await store.peek(k)).count).toBe(0);
    expect((await store.hit(k, 60_000)).count).toBe(1);
  });

  it('giveBack takes one attempt back, never below zero, and never opens a window', async () => {
    const [store] = make();
    const k = key();
    await store.hit(k, 60_000);
    await store.hit(k, 60_000);
    await store.giveBack(k);
    expect((await store.peek(k)).count).toBe(1);
    await store.giveBack(k);
    await store.giveBack(k);
    expect((await store.peek(k)).count).toBe(0);

    const missing = key();
    await store.giveBack(missing);
    expect(await store.peek(missing)).toEqual({ count: 0, resetInMs: 0 });
    const fresh = await store.hit(missing, 60_000);
    expect(fresh.count).toBe(1);
    expect(fresh.resetInMs).toBeGreaterThan(0);
  });

  it('extend moves the end of an open window, and does nothing without one', async () => {
    const [store] = make();
    const k = key();
    await store.hit(k, 1_000);
    await store.extend(k, 600_000);
    const s = await store.peek(k);
    expect(s.count).toBe(1);
    expect(s.resetInMs).toBeGreaterThan(500_000);

    const missing = key();
    await store.extend(missing, 600_000);
    expect(await store.peek(missing)).toEqual({ count: 0, resetInMs: 0 });
  });

  it('reset forgets a key', async () => {
    const [store] = make();
    const k = key();
    await store.hit(k, 60_000);
    await store.reset(k);
    expect((await store.peek(k)).count).toBe(0);
  });
});

describe.skipIf(!redisAvailable)('Redis attempt store', () => {
  it('keeps the counters of different key prefixes apart', async () => {
    const a = track(new RedisAttemptStore(REDIS_URL, { keyPrefix: `test:${randomUUID()}:` }));
    const b = track(new RedisAttemptStore(REDIS_URL, { keyPrefix: `test:${randomUUID()}:` }));
    await a.hit('same', 60_000);
    expect((await b.peek('same')).count).toBe(0);
    expect((await a.peek('same')).count).toBe(1);
  });
});
