import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../../../src/application/ports/password-hasher.port.js';
import { Argon2PasswordHasher } from '../../../src/infrastructure/security/argon2-password-hasher.js';
import { RedisAttemptStore } from '../../../src/infrastructure/throttle/redis-attempt.store.js';
import { createSqliteDatabase } from '../../support/databases.js';
import { FakeHasher } from '../../support/fakes.js';
import type { TestDatabase } from '../../support/postgres.js';
import { REDIS_URL, redisAvailable } from '../../support/redis.js';
import { buildTestApp, type TestApp } from '../../support/test-app.js';

// The throttle is database-independent, so these run over SQLite only.

const PROBLEM = /^application\/problem\+json/;
const PASSWORD = 'correct horse battery';

/** The production hasher, counting the passwords it checks. */
class CountingHasher implements PasswordHasher {
  verifications = 0;
  private readonly inner = new Argon2PasswordHasher();
  hash(password: string) {
    return this.inner.hash(password);
  }
  verify(hash: string, password: string) {
    this.verifications += 1;
    return this.inner.verify(hash, password);
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const sqlite = async (): Promise<TestDatabase> => {
  const db = await createSqliteDatabase();
  cleanups.push(() => db.drop());
  return db;
};

const app = async (...args: Parameters<typeof buildTestApp>): Promise<TestApp> => {
  const t = await buildTestApp(...args);
  cleanups.push(() => t.close());
  return t;
};

const register = async (app: FastifyInstance, email: string) => {
  const res = await app.inject({ method: 'POST', url: '/users', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(201);
};

const login = (app: FastifyInstance, email: string, password: string, remoteAddress = '127.0.0.1', headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/auth/token', payload: { email, password }, remoteAddress, headers });

const expectThrottled = (res: LightMyRequestResponse, code: string) => {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(res.json()).toMatchObject({ status: 429, code });
};

/** 60 guesses at once, all wrong but `right` (whose positions hold the right password). */
const burst = (send: (i: number, password: string) => Promise<LightMyRequestResponse>, right: number[]) =>
  Promise.all(Array.from({ length: 60 }, (_, i) => send(i, right.includes(i) ? PASSWORD : `wrong guess ${i}`)));

const tally = (rs: LightMyRequestResponse[]) => ({
  checked: rs.filter((r) => r.statusCode === 401).length,
  tokens: rs.filter((r) => r.statusCode === 200).length,
  throttled: rs.filter((r) => r.statusCode === 429).length,
});

describe('login throttling over HTTP', () => {
  it('60 parallel guesses on one node: at most 10 passwords are checked, the rest 429, and no token even for the right password', async () => {
    const hasher = new CountingHasher();
    const t = await app(await sqlite(), {}, { hasher });
    await register(t.app, 'victim@example.com');
    hasher.verifications = 0;

    const rs = await burst((i, password) => login(t.app, 'victim@example.com', password, `198.51.100.${i}`), [3, 40]);

    const { checked, tokens, throttled } = tally(rs);
    expect(tokens).toBe(0);
    expect(checked).toBeLessThanOrEqual(10);
    expect(checked + throttled).toBe(60);
    expect(hasher.verifications).toBeLessThanOrEqual(10);
    for (const r of rs.filter((x) => x.statusCode === 429)) expectThrottled(r, 'auth.throttled');
  });

  describe.skipIf(!redisAvailable)('two nodes sharing Redis and one database', () => {
    it('60 parallel guesses split between the nodes: at most 10 checked, the rest 429, no token', async () => {
      const db = await sqlite();
      const keyPrefix = `test:${randomUUID()}:`;
      const nodes: { t: TestApp; hasher: CountingHasher }[] = [];
      for (let i = 0; i < 2; i++) {
        const attempts = new RedisAttemptStore(REDIS_URL, { keyPrefix });
        cleanups.push(() => attempts.close());
        const hasher = new CountingHasher();
        nodes.push({ t: await app(db, {}, { attempts, hasher }), hasher });
      }
      await register(nodes[0]!.t.app, 'victim@example.com');
      for (const n of nodes) n.hasher.verifications = 0;

      // The right password goes to both nodes, early in the burst.
      const rs = await burst((i, password) => login(nodes[i % 2]!.t.app, 'victim@example.com', password, '203.0.113.10'), [2, 3]);

      const { checked, tokens, throttled } = tally(rs);
      expect(tokens).toBe(0);
      expect(checked).toBeLessThanOrEqual(10);
      expect(checked + throttled).toBe(60);
      expect(nodes[0]!.hasher.verifications + nodes[1]!.hasher.verifications).toBeLessThanOrEqual(10);
      for (const r of rs.filter((x) => x.statusCode === 429)) expectThrottled(r, 'auth.throttled');
    });
  });

  it("someone else's guesses keep the owner out at most 5 minutes (the stated cap), from an address that has not failed", async () => {
    let now = Date.parse('2026-03-01T09:00:00Z');
    const t = await app(await sqlite(), {}, { hasher: new FakeHasher(), clock: { now: () => new Date(now) } });
    await register(t.app, 'owner@example.com');
    // A long attack: burst after burst, each as soon as the lock lifts, so the lock reaches its cap.
    for (let round = 0; round < 6; round++) {
      if (round > 0) now += 5 * 60_000;
      const rs = await burst((i, password) => login(t.app, 'owner@example.com', password, `198.51.100.${i}`), []);
      expect(tally(rs).checked).toBeLessThanOrEqual(10);
    }
    const locked = await login(t.app, 'owner@example.com', PASSWORD, '192.0.2.44');
    expectThrottled(locked, 'auth.throttled');
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(300);

    now += 5 * 60_000 + 1_000;
    const owner = await login(t.app, 'owner@example.com', PASSWORD, '192.0.2.44');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().access_token).toEqual(expect.any(String));
  });

  it('a forged X-Forwarded-For does not reset the per-address count (TRUST_PROXY lists the proxy)', async () => {
    const proxy = '10.0.0.1';
    const t = await app(await sqlite(), { TRUST_PROXY: proxy }, { hasher: new FakeHasher() });
    const viaProxy = (client: string, forged: string) => ({ 'x-forwarded-for': `${forged}, ${client}` });
    // A sprayer behind the proxy writes a new left-most address on every request.
    for (let i = 0; i < 100; i++) {
      const res = await login(t.app, `spray${i}@example.com`, 'guess', proxy, viaProxy('203.0.113.50', `192.0.2.${i}`));
      expect(res.statusCode).toBe(401);
    }
    expectThrottled(await login(t.app, 'spray100@example.com', 'guess', proxy, viaProxy('203.0.113.50', '192.0.2.200')), 'auth.throttled');
    // Another client through the same proxy is not affected.
    expect((await login(t.app, 'spray100@example.com', 'guess', proxy, viaProxy('203.0.113.51', '203.0.113.50'))).statusCode).toBe(401);
    // A client that is not the proxy is counted by its own address, whatever its header says.
    expect((await login(t.app, 'spray101@example.com', 'guess', '198.51.100.9', { 'x-forwarded-for': '203.0.113.50' })).statusCode).toBe(401);
  });
});

describe('password checks of a signed-in caller', () => {
  it('POST /users/me/password: wrong current passwords count like wrong logins (10, then 429), so a stolen session is no unthrottled password oracle', async () => {
    const t = await app(await sqlite());
    await register(t.app, 'owner@example.com');
    const tok = await login(t.app, 'owner@example.com', PASSWORD);
    expect(tok.statusCode).toBe(200);
    const headers = { authorization: `Bearer ${tok.json().access_token as string}` };
    const change = (currentPassword: string) =>
      t.app.inject({ method: 'POST', url: '/users/me/password', headers, payload: { currentPassword, newPassword: 'a brand new password' } });
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push((await change(`guess number ${i}`)).statusCode);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(403));
    expectThrottled(await change(PASSWORD), 'auth.throttled');
    // The same account counter as the login's: the guesses locked password logins too.
    expectThrottled(await login(t.app, 'owner@example.com', PASSWORD, '192.0.2.77'), 'auth.throttled');
  });
});

describe('when the counters cannot be reached', () => {
  it('login and registration fail closed: 503 problem with Retry-After, never a token, never an account', async () => {
    const attempts = new RedisAttemptStore('redis://127.0.0.1:1/15'); // nothing listens on port 1
    cleanups.push(() => attempts.close());
    const t = await app(await sqlite(), {}, { attempts, hasher: new FakeHasher() });
    const loginRes = await login(t.app, 'someone@example.com', PASSWORD);
    const registerRes = await t.app.inject({ method: 'POST', url: '/users', payload: { email: 'someone@example.com', password: PASSWORD } });
    for (const res of [loginRes, registerRes]) {
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(res.body).not.toMatch(/redis|ECONNREFUSED|127\.0\.0\.1/i);
    }
  });
});

describe('registration throttling over HTTP', () => {
  it('past 20 registrations from one address in 15 minutes: 429 problem with Retry-After; no account made; other addresses unaffected', async () => {
    const t = await app(await sqlite(), { REGISTRATIONS_PER_ADDRESS: '20' }, { hasher: new FakeHasher() });
    const rs = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.app.inject({ method: 'POST', url: '/users', payload: { email: `flood${i}@example.com`, password: PASSWORD }, remoteAddress: '203.0.113.77' })),
    );
    expect(rs.filter((r) => r.statusCode === 201)).toHaveLength(20);
    const refused = rs.filter((r) => r.statusCode === 429);
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expectThrottled(r, 'registration.throttled');
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    }
    // A refused email was never registered: it can be, from another address.
    const refusedAt = rs.findIndex((r) => r.statusCode === 429);
    const again = await t.app.inject({ method: 'POST', url: '/users', payload: { email: `flood${refusedAt}@example.com`, password: PASSWORD }, remoteAddress: '198.51.100.1' });
    expect(again.statusCode).toBe(201);
  });
});
