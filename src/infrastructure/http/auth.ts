import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../application/shared/actor.js';
import type { AuthenticateRequest, AuthenticatedCaller } from '../../application/users/authenticate-request.use-case.js';
import { DomainError } from '../../domain/shared/domain-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller: AuthenticatedCaller | null;
  }
}

const BEARER = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)\s*$/i;

/** An onRequest hook: no valid bearer token, no further work (not even body parsing). */
export const bearerAuth = (authenticate: AuthenticateRequest) =>
  async function requireUser(request: FastifyRequest): Promise<void> {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new DomainError('auth.invalid_token', 'send a bearer access token in the Authorization header');
    request.caller = await authenticate.execute(match[1]);
  };

/** The caller of a route that ran `bearerAuth`. */
export const actorOf = (request: FastifyRequest): Actor => {
  if (!request.caller) throw new DomainError('auth.invalid_token', 'authentication required');
  return request.caller.actor;
};
