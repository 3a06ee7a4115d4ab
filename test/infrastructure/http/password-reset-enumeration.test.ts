import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import { FakeHasher } from '../../support/fakes.js';
import type { TestDatabase } from '../../support/postgres.js';
import { buildTestApp, type TestApp } from '../../support/test-app.js';

/** Requests per side; alternated so that load from other processes falls on both sides alike. */
const SAMPLES = 40;
/** The stated bound: the medians of the two sides differ by less than this (docs/sessions.md). */
const MAX_MEDIAN_GAP_MS = 3;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

describe.each(sqlTargets)('POST /auth/password-reset does not tell whether an address exists, on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await target.create();
    // A cheap hasher: registering the cast is not what is measured.
    t = await buildTestApp(db, { PASSWORD_RESETS_PER_ADDRESS: '0' }, { hasher: new FakeHasher() });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it(`answers the same body, headers and status in the same time (medians within ${MAX_MEDIAN_GAP_MS} ms)`, async () => {
    const known: string[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const email = `known${i}@example.com`;
      expect((await t.app.inject({ method: 'POST', url: '/users', payload: { email, password: 'long enough pw' } })).statusCode).toBe(201);
      known.push(email);
    }
    const timed = async (email: string) => {
      const start = process.hrtime.bigint();
      const res = await t.app.inject({ method: 'POST', url: '/auth/password-reset', payload: { email } });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const { date: _d, 'x-request-id': _r, ...headers } = res.headers;
      return { ms, status: res.statusCode, body: res.body, headers };
    };
    // Warm both paths up (statement caches, JIT) before measuring.
    await timed('warm-up@example.net');
    await timed(known[0]!);
    const k: number[] = [];
    const u: number[] = [];
    for (let i = 1; i < SAMPLES; i++) {
      const a = await timed(known[i]!);
      const b = await timed(`unknown${i}@example.com`);
      expect(a.status).toBe(202);
      expect(b.status).toBe(202);
      expect(a.body).toBe(b.body);
      expect(a.headers).toEqual(b.headers);
      k.push(a.ms);
      u.push(b.ms);
    }
    const gap = Math.abs(median(k) - median(u));
    console.log(`[${target.name}] reset request medians: known ${median(k).toFixed(2)} ms, unknown ${median(u).toFixed(2)} ms, gap ${gap.toFixed(2)} ms`);
    expect(gap).toBeLessThan(MAX_MEDIAN_GAP_MS);
  });
});
