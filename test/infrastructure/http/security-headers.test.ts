import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SECURITY_HEADERS, DOCS_HELMET_OPTIONS } from '../../../src/infrastructure/http/security-headers.js';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { buildTestApp, type TestApp } from '../../support/test-app.js';

/** What @fastify/helmet itself sends with the docs page's options, on a bare Fastify. */
const helmetReference = async (): Promise<Record<string, string>> => {
  const ref = Fastify({ logger: false });
  await ref.register(helmet, DOCS_HELMET_OPTIONS);
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

/** Headers that only govern HTML documents: never on an API (JSON) response. */
const DOCUMENT_ONLY = [
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

describe('security headers', () => {
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

  it("the API's set is what OWASP's REST cheat sheet asks of every API response, plus CORP", () => {
    expect(API_SECURITY_HEADERS).toEqual({
      'strict-transport-security': expect.stringMatching(/^max-age=\d{8,}/),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cross-origin-resource-policy': 'same-site',
    });
    // HSTS as helmet would send it; the document-only ones are exactly what helmet adds beyond it.
    expect(reference['strict-transport-security']).toBe(API_SECURITY_HEADERS['strict-transport-security']);
    expect(Object.keys(reference).filter((h) => !(h in API_SECURITY_HEADERS)).sort()).toEqual([...DOCUMENT_ONLY].sort());
  });

  it.each([
    ['a success', 'GET', '/health/live', 200],
    ['a product page', 'GET', '/products', 200],
    ['an unknown path', 'GET', '/no/such/path', 404],
    ['a wrong method', 'DELETE', '/health/live', 405],
    ['a refused token', 'GET', '/users/me', 401],
    ['a validation error', 'GET', '/products?limit=0', 422],
  ] as const)('API responses carry the API set, and no document-only header, on %s', async (_what, method, url, status) => {
    const res = await t.app.inject({ method, url });
    expect(res.statusCode).toBe(status);
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) expect(res.headers[name], name).toBe(value);
    for (const name of DOCUMENT_ONLY) expect(res.headers[name], name).toBeUndefined();
  });

  it('the HTML docs page carries every header @fastify/helmet sends, and its own CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(Object.keys(reference).length).toBeGreaterThan(8);
    for (const [name, value] of Object.entries(reference)) expect(res.headers[name], name).toBe(value);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    // Its assets and redirects too.
    const asset = await t.app.inject({ method: 'GET', url: '/docs/static/index.html' });
    expect(asset.statusCode).toBe(302);
    for (const [name, value] of Object.entries(reference)) expect(asset.headers[name], name).toBe(value);
  });
});
