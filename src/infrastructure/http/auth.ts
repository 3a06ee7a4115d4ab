import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../application/shared/actor.js';
import type { AuthenticateRequest, AuthenticatedCaller } from '../../application/users/authenticate-request.use-case.js';
import { DomainError } from '../../domain/shared/domain-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller: AuthenticatedCaller | null;
  }
}

const BEARER = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)\s*$/i;

/**
 * An onRequest hook: no valid bearer token, no further work (not even body parsing).
 * Every response of an authenticated route, its errors included, is `Cache-Control: no-store`:
 * it is one user's data, which no shared or browser cache may keep.
 */
export const bearerAuth = (authenticate: AuthenticateRequest) =>
  async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    void reply.header('cache-control', 'no-store');
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new DomainError('auth.invalid_token', 'send a bearer access token in the Authorization header');
    request.caller = await authenticate.execute(match[1]);
  };

/** The caller of a route that ran `bearerAuth`. */
export const actorOf = (request: FastifyRequest): Actor => {
  if (!request.caller) throw new DomainError('auth.invalid_token', 'authentication required');
  return request.caller.actor;
};
