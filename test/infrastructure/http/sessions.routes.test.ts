import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, type TestApp } from '../../support/test-app.js';
import { TestClock } from '../../support/use-case-harness.js';
import { InMemoryMailer } from '../../../src/infrastructure/in-memory/in-memory-mailer.js';

const PROBLEM = /^application\/problem\+json/;
const PASSWORD = 'correct horse battery';

describe.each(sqlTargets)('sessions, password change and reset, admin user list over HTTP on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let other: TestApp;
  const clock = new TestClock(new Date('2031-01-01T00:00:00.000Z'));
  const mailer = new InMemoryMailer();
  let n = 0;
  const email = () => `sess${++n}@example.com`;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db, { PASSWORD_RESETS_PER_ADDRESS: '1000' }, { clock, mailer });
    // A second node on the same database: state that ends sessions must be shared through it.
    other = await buildTestApp(db, { PASSWORD_RESETS_PER_ADDRESS: '1000' }, { clock });
  });
  afterAll(async () => {
    await other.close();
    await t.close();
    await db.drop();
  });

  const inject = (o: InjectOptions, app = t.app) => app.inject(o);
  const register = async (address = email(), password = PASSWORD) => {
    const res = await inject({ method: 'POST', url: '/users', payload: { email: address, password } });
    expect(res.statusCode).toBe(201);
    return { id: res.json().id as string, email: address };
  };
  const login = async (address: string, password = PASSWORD) => {
    const res = await inject({ method: 'POST', url: '/auth/token', payload: { email: address, password } });
    expect(res.statusCode).toBe(200);
    return res.json() as { access_token: string; refresh_token: string; expires_in: number; token_type: string };
  };
  const refreshJson = (refreshToken: string, app = t.app) => inject({ method: 'POST', url: '/auth/token', payload: { refreshToken } }, app);
  const me = (accessToken: string, app = t.app) => inject({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${accessToken}` } }, app);
  const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ status, code });
  };
  const outboxOf = async (type: string, userId: string) => {
    const rows = await t.services.database.db.selectFrom('outbox').select(['payload']).where('type', '=', type).where('aggregate_id', '=', userId).orderBy('occurred_at').orderBy('id').execute();
    return rows.map((r) => JSON.parse(r.payload) as Record<string, string>);
  };

  describe('refresh tokens', () => {
    it('login returns an opaque refresh token and a 15-minute access token; the refresh grant rotates it (JSON and form)', async () => {
      const u = await register();
      const first = await login(u.email);
      expect(first).toMatchObject({ token_type: 'bearer', expires_in: 900 });
      expect(first.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(first.refresh_token.split('.')).toHaveLength(1);

      const second = await refreshJson(first.refresh_token);
      expect(second.statusCode).toBe(200);
      expect(second.headers['cache-control']).toBe('no-store');
      const s = second.json();
      expect(s.refresh_token).not.toBe(first.refresh_token);
      expect((await me(s.access_token)).json().id).toBe(u.id);

      const third = await inject({
        method: 'POST',
        url: '/auth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `grant_type=refresh_token&refresh_token=${s.refresh_token}`,
      });
      expect(third.statusCode).toBe(200);
      expect(third.json().refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('a refresh token works once; presented again (on another node) it fails and revokes the whole family', async () => {
      const u = await register();
      const r1 = (await login(u.email)).refresh_token;
      const r2 = (await refreshJson(r1)).json().refresh_token as string;
      // The thief replays r1 on the other node: refused, and the family is revoked…
      expectProblem(await refreshJson(r1, other.app), 401, 'auth.invalid_refresh_token');
      // …so the legitimate holder's r2 no longer works either.
      expectProblem(await refreshJson(r2), 401, 'auth.invalid_refresh_token');
      // Another login of the same user is another family, untouched.
      const fresh = (await login(u.email)).refresh_token;
      expect((await refreshJson(fresh, other.app)).statusCode).toBe(200);
    });

    it('of two refreshes racing with one token on two nodes, at most one succeeds', async () => {
      const u = await register();
      const r = (await login(u.email)).refresh_token;
      const results = await Promise.all([refreshJson(r), refreshJson(r, other.app)]);
      expect(results.filter((x) => x.statusCode === 200).length).toBeLessThanOrEqual(1);
      for (const res of results.filter((x) => x.statusCode !== 200)) expectProblem(res, 401, 'auth.invalid_refresh_token');
    });

    it('an unknown or expired refresh token is refused with 401 auth.invalid_refresh_token', async () => {
      expectProblem(await refreshJson('A'.repeat(43)), 401, 'auth.invalid_refresh_token');
      const u = await register();
      const r = (await login(u.email)).refresh_token;
      clock.advance(30 * 24 * 3600 * 1000);
      expectProblem(await refreshJson(r), 401, 'auth.invalid_refresh_token');
    });

    it('the refresh grant does not go through the password throttle: an account locked by guesses still refreshes', async () => {
      const u = await register();
      const r = (await login(u.email)).refresh_token;
      let last = 0;
      for (let i = 0; i < 12; i++) last = (await inject({ method: 'POST', url: '/auth/token', payload: { email: u.email, password: 'a wrong guess' } })).statusCode;
      expect(last).toBe(429);
      expect((await inject({ method: 'POST', url: '/auth/token', payload: { email: u.email, password: PASSWORD } })).statusCode).toBe(429);
      expect((await refreshJson(r)).statusCode).toBe(200);
    });

    it('logout revokes the family: 204, then the token and its successors fail; an unknown token → 401', async () => {
      const u = await register();
      const r1 = (await login(u.email)).refresh_token;
      const r2 = (await refreshJson(r1)).json().refresh_token as string;
      const out = await inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: r1 } });
      expect(out.statusCode).toBe(204);
      expect(out.body).toBe('');
      expectProblem(await refreshJson(r2), 401, 'auth.invalid_refresh_token');
      expectProblem(await inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: 'B'.repeat(43) } }), 401, 'auth.invalid_refresh_token');
    });
  });

  describe('sessions end when they must', () => {
    it('changing the password: 204, old access tokens refused on both nodes, refresh tokens revoked, an email to the owner', async () => {
      const u = await register();
      const tokens = await login(u.email);
      clock.advance(1000);
      const res = await inject({ method: 'POST', url: '/users/me/password', headers: { authorization: `Bearer ${tokens.access_token}` }, payload: { currentPassword: PASSWORD, newPassword: 'a brand new secret' } });
      expect(res.statusCode).toBe(204);
      expectProblem(await me(tokens.access_token), 401, 'auth.invalid_token');
      expectProblem(await me(tokens.access_token, other.app), 401, 'auth.invalid_token');
      expectProblem(await refreshJson(tokens.refresh_token), 401, 'auth.invalid_refresh_token');
      clock.advance(1000);
      const again = await login(u.email, 'a brand new secret');
      expect((await me(again.access_token, other.app)).statusCode).toBe(200);
      expect(await outboxOf('PasswordChanged', u.id)).toEqual([expect.objectContaining({ email: u.email, how: 'changed' })]);
    });

    it('a wrong current password → 403 auth.wrong_password; a weak new one → 422; nothing changes', async () => {
      const u = await register();
      const { access_token } = await login(u.email);
      const auth = { authorization: `Bearer ${access_token}` };
      expectProblem(await inject({ method: 'POST', url: '/users/me/password', headers: auth, payload: { currentPassword: 'not my password', newPassword: 'a brand new secret' } }), 403, 'auth.wrong_password');
      const weak = await inject({ method: 'POST', url: '/users/me/password', headers: auth, payload: { currentPassword: PASSWORD, newPassword: 'short' } });
      expectProblem(weak, 422, 'validation.invalid');
      expect((weak.json() as { errors: { path: string }[] }).errors[0]?.path).toBe('/newPassword');
      expect((await me(access_token)).statusCode).toBe(200);
      await login(u.email);
      expect(await outboxOf('PasswordChanged', u.id)).toEqual([]);
    });

    it('deactivation ends every session; reactivation (admin) does not bring them back', async () => {
      const admin = await adminAndLogin(t, `admin${++n}@example.com`);
      const u = await register();
      const tokens = await login(u.email);
      clock.advance(1000);
      expect((await inject({ method: 'POST', url: `/users/${u.id}/deactivate`, headers: { authorization: `Bearer ${tokens.access_token}` } })).statusCode).toBe(200);
      const re = await inject({ method: 'POST', url: `/users/${u.id}/reactivate`, headers: admin.auth });
      expect(re.statusCode).toBe(200);
      expect(re.json()).toMatchObject({ id: u.id, isActive: true });
      expectProblem(await me(tokens.access_token, other.app), 401, 'auth.invalid_token');
      expectProblem(await refreshJson(tokens.refresh_token), 401, 'auth.invalid_refresh_token');
      clock.advance(1000);
      expect((await me((await login(u.email)).access_token)).statusCode).toBe(200);
    });

    it('reactivate: a customer → 403, an unknown id → 404', async () => {
      const admin = await adminAndLogin(t, `admin${++n}@example.com`);
      const u = await register();
      const { access_token } = await login(u.email);
      expectProblem(await inject({ method: 'POST', url: `/users/${u.id}/reactivate`, headers: { authorization: `Bearer ${access_token}` } }), 403, 'auth.forbidden');
      expectProblem(await inject({ method: 'POST', url: '/users/01890000-0000-7000-8000-000000000000/reactivate', headers: admin.auth }), 404, 'user.not_found');
    });
  });

  describe('password reset by email', () => {
    const requestReset = (address: string) => inject({ method: 'POST', url: '/auth/password-reset', payload: { email: address } });
    const confirm = (token: string, newPassword = 'reset to this one') => inject({ method: 'POST', url: '/auth/password-reset/confirm', payload: { token, newPassword } });
    /** Runs the outbox as the worker would; the reset tokens mailed to `address`, oldest first. */
    const mailedTokens = async (address: string) => {
      while ((await t.services.dispatcher.dispatchOnce()) > 0);
      return mailer.sent.filter((m) => m.to === address && /reset/i.test(m.subject)).map((m) => /^Reset token: (\S+)$/m.exec(m.text)?.[1]);
    };

    it('202 with identical bodies whether or not the address exists; only the account gets a token, through the outbox', async () => {
      const u = await register();
      const known = await requestReset(u.email.toUpperCase());
      const unknown = await requestReset(`nobody${++n}@example.com`);
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.body).toBe(unknown.body);
      expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
      expect(await mailedTokens(u.email)).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{43}$/)]);
      expectProblem(await requestReset('not an email'), 422, 'validation.invalid');
    });

    it('the token sets a new password once, ends every session and tells the owner; a second use → 422 naming /token', async () => {
      const u = await register();
      const tokens = await login(u.email);
      await requestReset(u.email);
      const [token] = await mailedTokens(u.email);
      clock.advance(1000);
      expect((await confirm(token!)).statusCode).toBe(204);
      expectProblem(await me(tokens.access_token), 401, 'auth.invalid_token');
      expectProblem(await refreshJson(tokens.refresh_token), 401, 'auth.invalid_refresh_token');
      clock.advance(1000);
      await login(u.email, 'reset to this one');
      const reused = await confirm(token!, 'yet another password');
      expectProblem(reused, 422, 'auth.invalid_reset_token');
      expect((reused.json() as { errors: { path: string }[] }).errors).toEqual([expect.objectContaining({ path: '/token' })]);
      expect(await outboxOf('PasswordChanged', u.id)).toEqual([expect.objectContaining({ how: 'reset' })]);
    });

    it('a newer request voids the older token; a token expires after one hour; an unknown one is refused', async () => {
      const u = await register();
      await requestReset(u.email);
      const [older] = await mailedTokens(u.email);
      await requestReset(u.email);
      const [, newer] = await mailedTokens(u.email);
      expectProblem(await confirm(older!), 422, 'auth.invalid_reset_token');
      clock.advance(60 * 60 * 1000);
      expectProblem(await confirm(newer!), 422, 'auth.invalid_reset_token');
      expectProblem(await confirm('C'.repeat(43)), 422, 'auth.invalid_reset_token');
      const weak = await confirm('C'.repeat(43), 'short');
      expectProblem(weak, 422, 'validation.invalid');
      await login(u.email);
    });

    it('two requests delivered at once (one outbox batch): exactly one of the two mailed tokens works', async () => {
      const u = await register();
      await requestReset(u.email);
      await requestReset(u.email);
      const tokens = await mailedTokens(u.email);
      expect(tokens).toHaveLength(2);
      const results = [];
      for (const token of tokens) results.push((await confirm(token!)).statusCode);
      expect(results.sort()).toEqual([204, 422]);
    });

    it('requests are throttled per email address: the fourth in an hour → 429 with Retry-After', async () => {
      const address = `nobody${++n}@example.com`;
      for (let i = 0; i < 3; i++) expect((await requestReset(address)).statusCode).toBe(202);
      const res = await requestReset(address.toUpperCase());
      expectProblem(res, 429, 'auth.throttled');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('GET /users (admin)', () => {
    it('filters by q (case-insensitive substring), role and isActive, oldest first, pages with nextCursor', async () => {
      const admin = await adminAndLogin(t, `zz-admin${++n}@example.com`);
      const tag = `tag${++n}`;
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await register(`${tag}-${i}@Example.com`));
      const customer = await login(made[0]!.email);
      await inject({ method: 'POST', url: `/users/${made[1]!.id}/deactivate`, headers: admin.auth });
      const list = (query: string) => inject({ method: 'GET', url: `/users?${query}`, headers: admin.auth });

      const all = (await list(`q=${tag.toUpperCase()}`)).json();
      expect(all.items.map((x: { id: string }) => x.id)).toEqual(made.map((m) => m.id));
      const p1 = (await list(`q=${tag}&limit=2`)).json();
      const p2 = (await list(`q=${tag}&limit=2&cursor=${p1.nextCursor}`)).json();
      const p3 = (await list(`q=${tag}&limit=2&cursor=${p2.nextCursor}`)).json();
      expect([...p1.items, ...p2.items, ...p3.items].map((x: { id: string }) => x.id)).toEqual(made.map((m) => m.id));
      expect(p3.nextCursor).toBeNull();
      expect((await list(`q=${tag}&isActive=false`)).json().items.map((x: { id: string }) => x.id)).toEqual([made[1]!.id]);
      expect((await list(`q=${tag}&isActive=true`)).json().items).toHaveLength(4);
      expect((await list(`q=${tag}&role=admin`)).json().items).toEqual([]);
      expect((await list('q=zz-admin&role=admin')).json().items.map((x: { email: string }) => x.email)).toContain(admin.user.email);
      expect((await list('q=%25')).json().items).toEqual([]);
      expectProblem(await inject({ method: 'GET', url: '/users', headers: { authorization: `Bearer ${customer.access_token}` } }), 403, 'auth.forbidden');
      expect((await list('role=owner')).statusCode).toBe(422);
    });
  });
});
