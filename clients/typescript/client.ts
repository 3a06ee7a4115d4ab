// A typed client for the Orders service. Types come from schema.d.ts, generated from the
// OpenAPI document the server serves (`npm run client:generate`), so a request or response
// that does not match the contract fails to compile.
//
//   const api = createOrdersClient({ baseUrl: 'http://127.0.0.1:3000' });
//   await api.login('ada@example.com', 'a long password');        // later calls send the token
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

/** The generated client, with the bearer token handled: `login` keeps the token it gets. */
export const createOrdersClient = (options: OrdersClientOptions) => {
  let token = options.token;
  const client: Client<paths> = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  client.use(bearerToken(() => token));
  /** POST /auth/token; on success every later request carries the new token. */
  const login = async (email: string, password: string) => {
    const result = await client.POST('/auth/token', { body: { email, password } });
    if (result.data) token = result.data.access_token;
    return result;
  };
  const setToken = (next: string | undefined) => {
    token = next;
  };
  return Object.assign(client, { login, setToken });
};

export type OrdersClient = ReturnType<typeof createOrdersClient>;
