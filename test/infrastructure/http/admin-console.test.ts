// The admin console as the service serves it (app.inject with production options, on the
// console that `npm run build` made): /admin and its client routes answer the page with a
// strict CSP, the hashed assets are cached for a year, the page is revalidated.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_CACHE_CONTROL, builtConsoleDir } from '../../../src/infrastructure/http/admin-console.js';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { ensureBuilt } from '../../support/server-process.js';
import { buildTestApp, type TestApp } from '../../support/test-app.js';

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('GET /admin: the admin console', () => {
  let db: TestDatabase;
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    ensureBuilt();
    dir = builtConsoleDir() ?? '';
    db = await createSqliteDatabase();
    t = await buildTestApp(db);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('is found where npm run build put it', () => {
    expect(dir).toMatch(/dist[\\/]console[\\/]?$/);
  });

  it('answers the page, never cached stale, with a strict Content-Security-Policy and no inline script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(readFileSync(join(dir, 'index.html'), 'utf8'));
    const csp = directives(String(res.headers['content-security-policy']));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect([...csp.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    // Every script of the page is a file (an inline one would be refused by the CSP above).
    const scripts = [...res.body.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/\ssrc="\/admin\/assets\//);
      expect(body).toBe('');
    }
    // The document headers helmet sends for a page, as on /docs.
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers the page for the console\'s own routes (a reload or a bookmark of /admin/orders/…)', async () => {
    const page = (await t.app.inject({ method: 'GET', url: '/admin' })).body;
    for (const url of ['/admin/', '/admin/orders', '/admin/orders/0196a1a4-7c2e-7d3a-9b1f-2f6c1e5a4b3c?x=1', '/admin/x']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(page);
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
    }
  });

  it('serves the hashed assets the page names, cached for a year as immutable', async () => {
    const page = (await t.app.inject({ method: 'GET', url: '/admin' })).body;
    const assets = [...page.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const url of assets) {
      expect(url).toMatch(/-[\w-]{8,}\.(js|css)$/); // a content hash in the name
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe(ASSET_CACHE_CONTROL);
      expect(res.headers['content-type'], url).toMatch(url.endsWith('.js') ? /^(text|application)\/javascript/ : /^text\/css/);
    }
  });

  it('answers a missing asset 404 as a problem, not with the page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/assets/nothing-12345678.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('leaves the API and /docs as they were: no console CSP on them, and /admin is not an API operation', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/products' });
    expect(api.statusCode).toBe(200);
    expect(api.headers['content-security-policy']).toBeUndefined();
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(docs.headers['content-security-policy'] ?? '').not.toContain("default-src 'none'");
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths).filter((p) => p.startsWith('/admin'))).toEqual([]);
  });
});
