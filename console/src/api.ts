// The typed API client: every path, parameter and body is checked against
// clients/typescript/schema.d.ts, generated from the server's /openapi.json.
import createFetchClient from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import type { components, paths } from '../../clients/typescript/schema';
import { API_ORIGIN, sessionFetch } from './session';

export type { paths };
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type Money = Schemas['Money'];
export type Order = Schemas['Order'];
export type Product = Schemas['Product'];
export type User = Schemas['User'];

export const fetchClient = createFetchClient<paths>({ baseUrl: API_ORIGIN, fetch: sessionFetch });
export const $api = createQueryClient(fetchClient);

/** A problem, whatever failed: an API answer, or the network (status 0). */
export const asProblem = (error: unknown): Problem => {
  if (error && typeof error === 'object' && 'status' in error && 'title' in error) return error as Problem;
  const detail = error instanceof Error ? error.message : 'The request failed.';
  return { type: 'about:blank', title: 'No answer', status: 0, detail };
};

/** The message the problem gives for a field (`errors[].path` names it as a JSON pointer or a parameter name). */
export const fieldMessage = (problem: Problem | null | undefined, field: string): string | undefined => {
  const wanted = field.startsWith('/') ? field : `/${field}`;
  return problem?.errors?.find((e) => e.path === wanted || e.path === field || e.path.startsWith(`${wanted}/`))?.message;
};

/** Money as staff read it: `USD 10.99` (the amount is already a decimal string with the currency's digits). */
export const money = (m: Money): string => `${m.currency} ${m.amount}`;

export const dateTime = (iso: string): string => new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
