// The console's session layer without a browser: a 401 is answered by one refresh (the
// refresh token is single use, so requests failing together must share it), the request is
// sent again with the new token, and a refresh that fails ends the session.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const ORIGIN = 'http://console.test';

interface Call {
  url: string;
  method: string;
  authorization: string | null;
  body: string;
}

/** A fake API: the token endpoint rotates tokens; any other path accepts only the current access token. */
const fakeApi = (opts: { refreshWorks: boolean }) => {
  const calls: Call[] = [];
  let issued = 0;
  let current = 'access-0';
  const fetch = vi.fn(async (request: Request) => {
    const body = request.method === 'GET' ? '' : await request.text();
    const url = new URL(request.url);
    calls.push({ url: url.pathname, method: request.method, authorization: request.headers.get('authorization'), body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/auth/token') {
      if (!opts.refreshWorks) return json(401, { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'used', code: 'auth.invalid_refresh_token' });
      issued += 1;
      current = `access-${issued}`;
      return json(200, { access_token: current, token_type: 'bearer', expires_in: 900, refresh_token: `refresh-${issued}` });
    }
    if (url.pathname === '/auth/logout') return new Response(null, { status: 204 });
    if (request.headers.get('authorization') !== `Bearer ${current}`) return json(401, { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'expired' });
    return json(200, { id: 'u1', email: 'staff@example.com', isActive: true, role: 'admin', createdAt: '2026-01-01T00:00:00Z' });
  });
  return { fetch, calls, get issued() { return issued; } };
};

const load = async (api: ReturnType<typeof fakeApi>) => {
  const store = new Map<string, string>();
  vi.stubGlobal('location', { origin: ORIGIN });
  vi.stubGlobal('fetch', api.fetch);
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
  vi.resetModules();
  const session = await import('../src/session');
  const { fetchClient } = await import('../src/api');
  return { ...session, fetchClient, store };
};

describe('the console session', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('refreshes once for requests that fail together, and sends each again with the new token', async () => {
    const api = fakeApi({ refreshWorks: true });
    const { session, fetchClient, store } = await load(api);
    session.keep({ access_token: 'stale', token_type: 'bearer', expires_in: 900, refresh_token: 'refresh-0' });
    const results = await Promise.all([fetchClient.GET('/users/me'), fetchClient.GET('/users/me'), fetchClient.GET('/users/me')]);
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    const refreshes = api.calls.filter((c) => c.url === '/auth/token');
    expect(refreshes).toHaveLength(1);
    expect(JSON.parse(refreshes[0]?.body ?? '{}')).toEqual({ refreshToken: 'refresh-0' });
    expect([...store.values()]).toEqual(['refresh-1']); // the rotated token replaces the used one
  });

  it('after a reload (no access token, a refresh token kept) refreshes before the first request', async () => {
    const api = fakeApi({ refreshWorks: true });
    const { session, fetchClient, store } = await load(api);
    store.set('orders-admin.refresh-token', 'refresh-0');
    expect(session.signedIn).toBe(true);
    const { response } = await fetchClient.GET('/users/me');
    expect(response.status).toBe(200);
    expect(api.calls.map((c) => c.url)).toEqual(['/auth/token', '/users/me']);
  });

  it('ends the session when the refresh token no longer works: the 401 stands and the app is told', async () => {
    const api = fakeApi({ refreshWorks: false });
    const { session, fetchClient, store } = await load(api);
    session.keep({ access_token: 'stale', token_type: 'bearer', expires_in: 900, refresh_token: 'refresh-0' });
    const ended = vi.fn();
    session.onForget(ended);
    const { response } = await fetchClient.GET('/users/me');
    expect(response.status).toBe(401);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(store.size).toBe(0);
    expect(session.signedIn).toBe(false);
  });

  it('signs out through POST /auth/logout with the refresh token, and forgets both tokens', async () => {
    const api = fakeApi({ refreshWorks: true });
    const { session, store } = await load(api);
    session.keep({ access_token: 'access-0', token_type: 'bearer', expires_in: 900, refresh_token: 'refresh-0' });
    await session.signOut();
    expect(api.calls.map((c) => [c.url, c.body])).toEqual([['/auth/logout', JSON.stringify({ refreshToken: 'refresh-0' })]]);
    expect(store.size).toBe(0);
    expect(session.signedIn).toBe(false);
  });
});
