// A typed client for the Orders service. Types come from schema.d.ts, generated from the
// OpenAPI document the server serves (`npm run client:generate`), so a request or response
// that does not match the contract fails to compile.
//
//   const api = createOrdersClient({ baseUrl: 'http://127.0.0.1:3000' });
//   await api.login('ada@example.com', 'a long password');        // later calls send the token
//   await api.refresh();                                          // a new access token before the old one runs out
//   await api.logout();                                           // ends the session (its refresh tokens)
//   const { data, error, response } = await api.POST('/orders', { body: { items: [] } });
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };
type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type Money = Schemas['Money'];
export type User = Schemas['User'];
export type Product = Schemas['Product'];
export type ProductPage = Schemas['ProductPage'];
export type Order = Schemas['Order'];
export type OrderItem = Schemas['OrderItem'];
export type OrderPage = Schemas['OrderPage'];

/** Sends `Authorization: Bearer <token>` on every request while `getToken` returns one. */
export const bearerToken = (getToken: () => string | undefined): Middleware => ({
  onRequest({ request }) {
    const token = getToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
});

export interface OrdersClientOptions {
  baseUrl: string;
  /** An access token to start with (else call `login` or `setToken`). */
  token?: string;
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * The generated client, with the session handled: `login` keeps the access and refresh
 * tokens it gets, `refresh` trades the refresh token for new ones (it is single use),
 * `logout` ends the session.
 */
export const createOrdersClient = (options: OrdersClientOptions) => {
  let token = options.token;
  let refreshToken: string | undefined;
  const client: Client<paths> = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  client.use(bearerToken(() => token));
  const keep = (data: { access_token: string; refresh_token: string } | undefined) => {
    if (!data) return;
    token = data.access_token;
    refreshToken = data.refresh_token;
  };
  /** POST /auth/token (password grant); on success every later request carries the new token. */
  const login = async (email: string, password: string) => {
    const result = await client.POST('/auth/token', { body: { email, password } });
    keep(result.data);
    return result;
  };
  /** POST /auth/token (refresh grant) with the kept refresh token, or the one given; keeps the new pair. */
  const refresh = async (given: string | undefined = refreshToken) => {
    if (given === undefined) throw new Error('no refresh token: log in first');
    const result = await client.POST('/auth/token', { body: { refreshToken: given } });
    keep(result.data);
    return result;
  };
  /** POST /auth/logout with the kept refresh token, or the one given; forgets both tokens on success. */
  const logout = async (given: string | undefined = refreshToken) => {
    if (given === undefined) throw new Error('no refresh token: log in first');
    const result = await client.POST('/auth/logout', { body: { refreshToken: given } });
    if (result.response.status === 204) {
      token = undefined;
      refreshToken = undefined;
    }
    return result;
  };
  const setToken = (next: string | undefined) => {
    token = next;
  };
  return Object.assign(client, { login, refresh, logout, setToken });
};

export type OrdersClient = ReturnType<typeof createOrdersClient>;
