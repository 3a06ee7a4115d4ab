import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { buildTestApp, type TestApp } from '../../support/test-app.js';

// The options app.ts gives registerSecurityHeaders.
const OPTIONS = { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'same-site' as const } };

/** What @fastify/helmet itself sends with those options, on a bare Fastify. */
const helmetReference = async (): Promise<Record<string, string>> => {
  const ref = Fastify({ logger: false });
  await ref.register(helmet, OPTIONS);
  ref.get('/', async () => ({ ok: true }));
  const res = await ref.inject({ method: 'GET', url: '/' });
  await ref.close();
  const plain = Fastify({ logger: false });
  plain.get('/', async () => ({ ok: true }));
  const without = await plain.inject({ method: 'GET', url: '/' });
  await plain.close();
  // Only what helmet added.
  return Object.fromEntries(Object.entries(res.headers).filter(([k]) => !(k in without.headers))) as Record<string, string>;
};

describe('security headers (computed once from @fastify/helmet)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let reference: Record<string, string>;

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db);
    reference = await helmetReference();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('are exactly the headers @fastify/helmet sends', () => {
    expect(Object.keys(reference).length).toBeGreaterThan(5);
    expect(reference['x-frame-options']).toBe('SAMEORIGIN');
  });

  it.each([
    ['a success', 'GET', '/health/live', 200],
    ['an unknown path', 'GET', '/no/such/path', 404],
    ['a wrong method', 'DELETE', '/health/live', 405],
    ['a refused token', 'GET', '/users/me', 401],
    ['a validation error', 'GET', '/products?limit=0', 422],
  ] as const)('are on %s', async (_what, method, url, status) => {
    const res = await t.app.inject({ method, url });
    expect(res.statusCode).toBe(status);
    for (const [name, value] of Object.entries(reference)) expect(res.headers[name], name).toBe(value);
  });
});
