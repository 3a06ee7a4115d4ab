import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { DomainError } from '../../domain/shared/domain-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `admin`: only an admin may call the route at all. */
    access?: 'admin';
    /** Query parameters only an admin may send to a route others may call (`GET /products?status=`). */
    adminQuery?: readonly string[];
  }
}

type RequireUser = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

const adminQueryIn = (request: FastifyRequest, names: readonly string[] | undefined): string | undefined => {
  const query = request.query as Record<string, unknown> | null;
  return query ? names?.find((name) => Object.hasOwn(query, name)) : undefined;
};

/**
 * A route's role requirement, decided in its onRequest hooks — before the body is parsed and
 * before any schema validates the path, query, headers or body. A customer who sends an admin
 * endpoint a malformed request hears 403 (no token: 401), never a 422 that would describe the
 * admin API's shape. The use cases keep their own checks; this one only comes first.
 */
export const registerRouteAccess = (app: FastifyInstance, requireUser: RequireUser): void => {
  const requireAccess: onRequestHookHandler = async function requireAccess(request, reply) {
    const { access, adminQuery } = request.routeOptions.config;
    const parameter = access === 'admin' ? undefined : adminQueryIn(request, adminQuery);
    if (access !== 'admin' && parameter === undefined) return;
    if (request.caller === null) await requireUser(request, reply);
    if (request.caller?.actor.role === 'admin') return;
    throw new DomainError('auth.forbidden', parameter === undefined ? 'only an admin may call this endpoint' : `only an admin may send ${parameter}`);
  };
  app.addHook('onRoute', (route) => {
    const config = route.config as { access?: string; adminQuery?: readonly string[] } | undefined;
    if (config?.access === undefined && config?.adminQuery === undefined) return;
    // After the route's own onRequest hooks (its bearer authentication, when it has one).
    route.onRequest = [...[route.onRequest ?? []].flat(), requireAccess];
  });
};
