import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;

describe.each(sqlTargets)('users & auth over HTTP on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let n = 0;
  const email = () => `user${++n}@example.com`;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const inject = (o: InjectOptions) => t.app.inject(o);

  describe('POST /users', () => {
    it('registers a customer: 201, Location, no password or hash, unsettable fields ignored', async () => {
      const res = await inject({
        method: 'POST',
        url: '/users',
        payload: { email: 'New.User@Example.com', password: 'long enough pw', role: 'admin', isActive: false, id: 'mine' },
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(res.headers.location).toBe(`/users/${body.id}`);
      expect(body).toEqual({ id: expect.any(String), email: 'New.User@Example.com', isActive: true, role: 'customer', createdAt: expect.any(String) });
      expect(body.id).not.toBe('mine');
      expect(res.body).not.toMatch(/password|hash|argon/i);
      expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    });

    it('409 when the email is taken, case-insensitively', async () => {
      await inject({ method: 'POST', url: '/users', payload: { email: 'taken@example.com', password: 'long enough pw' } });
      const res = await inject({ method: 'POST', url: '/users', payload: { email: 'TAKEN@example.COM', password: 'long enough pw' } });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.json()).toMatchObject({ status: 409, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    });

    it.each([
      ['an invalid email', { email: 'not-an-email', password: 'long enough pw' }, '/email'],
      ['a short password', { email: 'short@example.com', password: 'seven77' }, '/password'],
      ['a 129-character password', { email: 'long@example.com', password: 'x'.repeat(129) }, '/password'],
      ['a missing password', { email: 'missing@example.com' }, '/password'],
      ['a number for the email', { email: 42, password: 'long enough pw' }, '/email'],
    ])('422 for %s, naming the field', async (_label, payload, path) => {
      const res = await inject({ method: 'POST', url: '/users', payload });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.any(String) })]));
    });

    it('accepts 8 and 128 characters (boundaries), counting code points', async () => {
      expect((await inject({ method: 'POST', url: '/users', payload: { email: email(), password: '12345678' } })).statusCode).toBe(201);
      expect((await inject({ method: 'POST', url: '/users', payload: { email: email(), password: '🔒'.repeat(128) } })).statusCode).toBe(201);
    });

    it('400 for malformed JSON, 415 for another content type, 413 past the body cap — all problems', async () => {
      const bad = await inject({ method: 'POST', url: '/users', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(PROBLEM);
      const text = await inject({ method: 'POST', url: '/users', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
      expect(text.statusCode).toBe(415);
      expect(text.headers['content-type']).toMatch(PROBLEM);
      const big = await inject({ method: 'POST', url: '/users', payload: { email: email(), password: 'x'.repeat(2 * 1024 * 1024) } });
      expect(big.statusCode).toBe(413);
      expect(big.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('POST /auth/token', () => {
    it('issues a bearer token from JSON and from the OAuth2 form', async () => {
      const e = email();
      await inject({ method: 'POST', url: '/users', payload: { email: e, password: 'long enough pw' } });
      const json = await inject({ method: 'POST', url: '/auth/token', payload: { email: e.toUpperCase(), password: 'long enough pw' } });
      expect(json.statusCode).toBe(200);
      expect(json.json()).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 900, refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
      expect(json.headers['cache-control']).toBe('no-store');
      const form = await inject({
        method: 'POST',
        url: '/auth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `grant_type=password&username=${encodeURIComponent(e)}&password=long+enough+pw`,
      });
      expect(form.statusCode).toBe(200);
      expect(form.json().token_type).toBe('bearer');
    });

    it('answers wrong password and unknown email identically (401)', async () => {
      const e = email();
      await inject({ method: 'POST', url: '/users', payload: { email: e, password: 'long enough pw' } });
      const wrong = await inject({ method: 'POST', url: '/auth/token', payload: { email: e, password: 'wrong password' } });
      const unknown = await inject({ method: 'POST', url: '/auth/token', payload: { email: 'nobody@example.com', password: 'wrong password' } });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
      expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    });

    it('throttles repeated attempts on one account with 429 and Retry-After, even from many addresses (more in throttling.test.ts)', async () => {
      const e = email();
      await inject({ method: 'POST', url: '/users', payload: { email: e, password: 'long enough pw' } });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        statuses.push((await inject({ method: 'POST', url: '/auth/token', payload: { email: e, password: `guess ${i}` }, remoteAddress: `10.0.0.${i}` })).statusCode);
      }
      expect(statuses).toEqual(Array(10).fill(401));
      const limited = await inject({ method: 'POST', url: '/auth/token', payload: { email: e, password: 'long enough pw' } });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['content-type']).toMatch(PROBLEM);
      expect(limited.json().code).toBe('auth.throttled');
    });

    it('401 for a deactivated user', async () => {
      const { user, auth } = await registerAndLogin(t.app, email(), 'long enough pw');
      await inject({ method: 'POST', url: `/users/${user.id}/deactivate`, headers: auth });
      const res = await inject({ method: 'POST', url: '/auth/token', payload: { email: user.email, password: 'long enough pw' } });
      expect(res.statusCode).toBe(401);
    });

    it('422 when a field is missing', async () => {
      const res = await inject({ method: 'POST', url: '/auth/token', payload: { email: 'a@example.com' } });
      expect(res.statusCode).toBe(422);
    });
  });

  describe('GET/PATCH /users/me', () => {
    it('returns the caller; 401 with WWW-Authenticate without or with a bad token', async () => {
      const { user, auth } = await registerAndLogin(t.app, email());
      const me = await inject({ method: 'GET', url: '/users/me', headers: auth });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ id: user.id, email: user.email, role: 'customer', isActive: true });
      for (const headers of [{}, { authorization: 'Bearer not.a.token' }, { authorization: 'Basic abc' }]) {
        const res = await inject({ method: 'GET', url: '/users/me', headers });
        expect(res.statusCode).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(res.headers['content-type']).toMatch(PROBLEM);
      }
    });

    it('changes the email; 409 when taken; 422 when invalid', async () => {
      const other = email();
      await inject({ method: 'POST', url: '/users', payload: { email: other, password: 'long enough pw' } });
      const { auth } = await registerAndLogin(t.app, email());
      const ok = await inject({ method: 'PATCH', url: '/users/me', headers: auth, payload: { email: 'renamed@example.com' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().email).toBe('renamed@example.com');
      expect((await inject({ method: 'PATCH', url: '/users/me', headers: auth, payload: { email: other.toUpperCase() } })).statusCode).toBe(409);
      expect((await inject({ method: 'PATCH', url: '/users/me', headers: auth, payload: { email: 'nope' } })).statusCode).toBe(422);
      expect((await inject({ method: 'PATCH', url: '/users/me', headers: auth, payload: { role: 'admin' } })).statusCode).toBe(422);
      expect((await inject({ method: 'GET', url: '/users/me', headers: auth })).json()).toMatchObject({ email: 'renamed@example.com', role: 'customer' });
    });
  });

  describe('GET /users/{id} and deactivation', () => {
    it('a user sees itself; another customer gets 404; an admin sees anyone', async () => {
      const a = await registerAndLogin(t.app, email());
      const b = await registerAndLogin(t.app, email());
      await t.services.http.users.register.execute({ email: 'admin1@example.com', password: 'admin password' }, 'admin');
      const adminTok = (await inject({ method: 'POST', url: '/auth/token', payload: { email: 'admin1@example.com', password: 'admin password' } })).json();
      const admin = { authorization: `Bearer ${adminTok.access_token}` };
      expect((await inject({ method: 'GET', url: `/users/${a.user.id}`, headers: a.auth })).statusCode).toBe(200);
      expect((await inject({ method: 'GET', url: `/users/${a.user.id}`, headers: b.auth })).statusCode).toBe(404);
      expect((await inject({ method: 'GET', url: `/users/${a.user.id}`, headers: admin })).json().id).toBe(a.user.id);
      expect((await inject({ method: 'GET', url: '/users/00000000-0000-7000-8000-000000000000', headers: admin })).statusCode).toBe(404);
      expect((await inject({ method: 'GET', url: `/users/${a.user.id}` })).statusCode).toBe(401);
    });

    it('deactivation: 200 isActive false; another customer 404; the token stops working at once', async () => {
      const a = await registerAndLogin(t.app, email());
      const b = await registerAndLogin(t.app, email());
      expect((await inject({ method: 'POST', url: `/users/${a.user.id}/deactivate`, headers: b.auth })).statusCode).toBe(404);
      const res = await inject({ method: 'POST', url: `/users/${a.user.id}/deactivate`, headers: a.auth });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: a.user.id, isActive: false });
      expect((await inject({ method: 'GET', url: '/users/me', headers: a.auth })).statusCode).toBe(401);
    });
  });

  describe('the edge', () => {
    it('unknown route 404 and wrong method 405 with Allow, as problems', async () => {
      const nf = await inject({ method: 'GET', url: '/nowhere' });
      expect(nf.statusCode).toBe(404);
      expect(nf.headers['content-type']).toMatch(PROBLEM);
      const wm = await inject({ method: 'DELETE', url: '/users/me' });
      expect(wm.statusCode).toBe(405);
      expect(wm.headers.allow).toContain('GET');
      expect(wm.headers['content-type']).toMatch(PROBLEM);
    });

    it('echoes a sane x-request-id and replaces an insane one', async () => {
      const sane = await inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
      expect(sane.headers['x-request-id']).toBe('abc-123');
      const insane = await inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'a b\u0007c' } });
      expect(insane.headers['x-request-id']).not.toBe('a b\u0007c');
    });

    it('sends the request id and the security headers on refusals too', async () => {
      const refusals = [
        await inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'r-404' } }),
        await inject({ method: 'GET', url: '/users/me', headers: { 'x-request-id': 'r-401' } }),
        await inject({ method: 'POST', url: '/users', headers: { 'x-request-id': 'r-400', 'content-type': 'application/json' }, payload: '{"email":' }),
        await inject({ method: 'POST', url: '/users', headers: { 'x-request-id': 'r-422' }, payload: { email: 'not-an-email', password: 'x' } }),
      ];
      expect(refusals.map((r) => [r.statusCode, r.headers['x-request-id']])).toEqual([
        [404, 'r-404'],
        [401, 'r-401'],
        [400, 'r-400'],
        [422, 'r-422'],
      ]);
      for (const r of refusals) expect(r.headers['x-content-type-options']).toBe('nosniff');
    });

    it('health: live and ready answer 200', async () => {
      expect((await inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      expect((await inject({ method: 'GET', url: '/health/ready' })).json()).toEqual({ status: 'ok' });
    });

    it('serves OpenAPI 3.1 with a bearer scheme and operation ids, and the docs page', async () => {
      const doc = (await inject({ method: 'GET', url: '/openapi.json' })).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.paths['/users'].post.operationId).toBe('registerUser');
      expect(doc.paths['/auth/token'].post.requestBody.content).toHaveProperty('application/x-www-form-urlencoded');
      const docs = await inject({ method: 'GET', url: '/docs/' });
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain('swagger');
    });
  });
});
