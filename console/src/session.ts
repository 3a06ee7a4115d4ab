// The console's session: the access token in memory only, the refresh token in
// sessionStorage (docs/admin-console.md says why). A 401 trades the refresh token for new
// tokens once (single flight: the token is single use, and presenting it twice would be
// taken as theft and end the session) and the request is sent again.
import createClient from 'openapi-fetch';
import type { components, paths } from '../../clients/typescript/schema';

type AccessToken = components['schemas']['AccessToken'];

const REFRESH_KEY = 'orders-admin.refresh-token';

let accessToken: string | undefined;
let refreshing: Promise<boolean> | undefined;
const listeners = new Set<() => void>();

/** The API is on the page's own origin (relative URLs; an absolute base for runtimes without a page). */
export const API_ORIGIN = typeof location === 'undefined' ? '' : location.origin;

/** A client without the session: the token endpoint itself must never trigger a refresh. */
const bare = createClient<paths>({ baseUrl: API_ORIGIN });

const readRefresh = (): string | undefined => sessionStorage.getItem(REFRESH_KEY) ?? undefined;

export const session = {
  get signedIn(): boolean {
    return accessToken !== undefined || readRefresh() !== undefined;
  },
  keep(tokens: AccessToken): void {
    accessToken = tokens.access_token;
    sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
  },
  /** Forgets both tokens and tells the app (which shows the sign-in page). */
  forget(): void {
    accessToken = undefined;
    sessionStorage.removeItem(REFRESH_KEY);
    for (const listener of listeners) listener();
  },
  onForget(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Trades the refresh token for new tokens; false when there is none or it no longer works. */
  refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      const refreshToken = readRefresh();
      if (refreshToken === undefined) return false;
      const { data } = await bare.POST('/auth/token', { body: { refreshToken } });
      if (!data) return false;
      session.keep(data);
      return true;
    })().finally(() => (refreshing = undefined));
    return refreshing;
  },
  /** POST /auth/logout: the refresh token and every token rotated from its login stop working. */
  async signOut(): Promise<void> {
    const refreshToken = readRefresh();
    if (refreshToken !== undefined) await bare.POST('/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    session.forget();
  },
};

/** fetch for the API client: adds the bearer token; on a 401 refreshes once and retries. */
export const sessionFetch = async (request: Request): Promise<Response> => {
  const retry = request.clone();
  const send = (r: Request) => {
    if (accessToken !== undefined) r.headers.set('authorization', `Bearer ${accessToken}`);
    return fetch(r);
  };
  if (accessToken === undefined && readRefresh() !== undefined) await session.refresh();
  const response = await send(request);
  if (response.status !== 401) return response;
  if (await session.refresh()) {
    const second = await send(retry);
    if (second.status !== 401) return second;
  }
  session.forget();
  return response;
};

/** POST /auth/token (password grant) without the session around it: a wrong password must not look like an expired session. */
export const signInRequest = (email: string, password: string) => bare.POST('/auth/token', { body: { email, password } });
