import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { problemResponses } from './schemas/problem.schema.js';
import { webhooksDocument } from './schemas/webhook.schemas.js';
import { registerDocsSecurityHeaders } from './security-headers.js';

/** swagger-ui's static CSP minus `upgrade-insecure-requests` (see its use below). */
export const withoutUpgradeInsecureRequests = (csp: string): string =>
  csp
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && directive !== 'upgrade-insecure-requests')
    .join('; ');

/**
 * OpenAPI 3.1 generated from the route schemas that also validate requests, so
 * the document cannot drift from the code. The docs page's assets are served by
 * the app itself (no CDN), and its Authorize button logs in through /auth/token.
 */
export const registerOpenApi = async (app: FastifyInstance): Promise<void> => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Orders service',
        version: '1.0.0',
        contact: { name: 'Orders service maintainers' },
        license: { name: 'MIT', identifier: 'MIT' },
        description:
          'Users, a product catalog with stock, and orders (pending → confirmed → shipped → delivered, or cancelled before shipping).\n\n' +
          'Errors are RFC 9457 `application/problem+json`. Money is `{amount: "10.99", currency: "USD"}` (decimal string, ISO 4217). ' +
          'Lists are cursor-paginated: `?limit=` (1–100, default 20) and `?cursor=` from the previous page\'s `nextCursor`. ' +
          'Unknown body fields are ignored (fields such as `id`, `role`, `status` are never honoured). ' +
          'Bodies are JSON in UTF-8: `application/json`, with no charset or `charset=utf-8` (another charset → 415). ' +
          'A query parameter is given at most once (twice → 422 naming it); an unknown one → 422.',
      },
      // Relative: the document describes whichever host serves it.
      servers: [
        {
          url: '/',
          description: 'This server, in whichever environment it runs (local, staging or production)',
          // A public API, not an internal one (OpenAPI extension; the type has no room for it).
          ...({ 'x-internal': false } as object),
        },
      ],
      tags: [
        { name: 'auth', description: 'Access tokens' },
        { name: 'users', description: 'Accounts' },
        { name: 'products', description: 'The catalog' },
        { name: 'orders', description: 'Orders and their items' },
        { name: 'reports', description: 'Sales figures for the staff (admin)' },
        { name: 'webhooks', description: 'Endpoints the shop POSTs its events to (admin), their delivery logs, and the events themselves (see `webhooks`)' },
        { name: 'operations', description: 'Health and metrics' },
      ],
      // The requests this service sends (OpenAPI 3.1): one per webhook event type.
      webhooks: webhooksDocument() as Record<string, object>,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'An access token from POST /auth/token: a JWT following RFC8725 (JSON Web Token Best Current Practices) — HS256 only (the algorithm is pinned; `none` is refused), with `exp`, `iss` and `aud` checked. Tokens are short-lived (`expires_in`, 15 minutes by default) and renewed with the single-use refresh token (docs/sessions.md).',
          },
          oauth2: {
            type: 'oauth2',
            description: 'Password grant against POST /auth/token (username = email). Issues the same JWTs as bearerAuth (RFC8725 practices: HS256 pinned, exp/iss/aud checked).',
            flows: { password: { tokenUrl: '/auth/token', refreshUrl: '/auth/token', scopes: {} } },
          },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  // Any operation can fail on our side (500) or while the database is unreachable (503).
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
    if (!schema?.response || schema.hide) return;
    schema.response = { ...problemResponses(500, 503), ...schema.response };
  });
  // An HTML page: in its own scope it gets helmet's full set of document headers.
  await app.register(async (docs) => {
    await registerDocsSecurityHeaders(docs);
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      // The token survives a reload of the page (kept in the browser's localStorage).
      uiConfig: { persistAuthorization: true, displayOperationId: false, tryItOutEnabled: true },
      staticCSP: true,
      // The page's assets are all same-origin, so upgrading them buys nothing, while over plain
      // http on any host but localhost it sends the browser to an https port that does not answer.
      transformStaticCSP: withoutUpgradeInsecureRequests,
    });
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
