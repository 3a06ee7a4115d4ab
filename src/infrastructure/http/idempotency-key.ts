import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { IdempotencyRequest } from '../../application/shared/idempotency.js';

/** Canonical JSON (sorted keys) so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
};

/**
 * The `Idempotency-Key` of a request, scoped to its user and fingerprinted by
 * method + path + body: the same key with another request is refused, not replayed.
 */
export const idempotencyOf = (request: FastifyRequest, userId: string): IdempotencyRequest | undefined => {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string') return undefined;
  const path = request.url.split('?')[0] ?? '';
  const fingerprint = createHash('sha256').update(`${request.method} ${path}\n${canonical(request.body)}`).digest('base64url');
  return { userId, key, fingerprint };
};
