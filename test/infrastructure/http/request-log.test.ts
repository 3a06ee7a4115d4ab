import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { buildLoggingTestApp, registerAndLogin } from '../../support/test-app.js';

type Line = Record<string, unknown>;

describe('the request log', () => {
  let db: TestDatabase;
  let t: Awaited<ReturnType<typeof buildLoggingTestApp>>;
  const lines = (): Line[] => t.log().split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Line);
  const linesOf = (reqId: string) => lines().filter((l) => l.reqId === reqId);

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildLoggingTestApp(db);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('is one line per request, with method, route template, status, duration and the user id', async () => {
    const { user, auth } = await registerAndLogin(t.app, 'logged@example.com');
    const order = await t.app.inject({ method: 'POST', url: '/orders', headers: auth });
    const res = await t.app.inject({ method: 'GET', url: `/orders/${order.json().id as string}`, headers: { ...auth, 'x-request-id': 'log-line-1' } });
    expect(res.statusCode).toBe(200);
    const [line, ...more] = linesOf('log-line-1');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      method: 'GET',
      route: '/orders/:id',
      url: `/orders/${order.json().id as string}`,
      status: 200,
      userId: user.id,
    });
    expect(line!.durationMs).toEqual(expect.any(Number));
    expect(line!.durationMs as number).toBeGreaterThanOrEqual(0);
  });

  it('has no user id for an anonymous request, and names the route of a refused one', async () => {
    await t.app.inject({ method: 'GET', url: '/orders/0190aaaa-0000-7000-8000-000000000000', headers: { 'x-request-id': 'log-line-2' } });
    const [line, ...more] = linesOf('log-line-2');
    expect(more).toEqual([]);
    expect(line).toMatchObject({ msg: 'request completed', method: 'GET', route: '/orders/:id', status: 401 });
    expect(line).not.toHaveProperty('userId');
  });

  it('logs a path that matches no route under "unmatched"', async () => {
    await t.app.inject({ method: 'GET', url: '/nowhere/at/all', headers: { 'x-request-id': 'log-line-3' } });
    expect(linesOf('log-line-3')).toEqual([expect.objectContaining({ msg: 'request completed', route: 'unmatched', url: '/nowhere/at/all', status: 404 })]);
  });

  it('keeps credentials in the query string out of the line, and the bearer token too', async () => {
    const { auth } = await registerAndLogin(t.app, 'secretive@example.com');
    await t.app.inject({ method: 'GET', url: '/users/me?access_token=SECRET-QUERY', headers: { ...auth, 'x-request-id': 'log-line-4' } });
    const [line] = linesOf('log-line-4');
    expect(line).toMatchObject({ msg: 'request completed', route: '/users/me', url: '/users/me?access_token=[redacted]' });
    const text = JSON.stringify(line);
    expect(text).not.toContain('SECRET-QUERY');
    expect(text).not.toContain(auth.authorization.slice('Bearer '.length));
  });

  it('writes no "incoming request" line at info level', () => {
    expect(lines().filter((l) => l.msg === 'incoming request')).toEqual([]);
  });
});
