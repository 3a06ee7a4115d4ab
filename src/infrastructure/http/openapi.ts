import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

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
        description:
          'Users, a product catalog with stock, and orders (pending → confirmed → cancelled).\n\n' +
          'Errors are RFC 9457 `application/problem+json`. Money is `{amount: "10.99", currency: "USD"}` (decimal string, ISO 4217). ' +
          'Lists are cursor-paginated: `?limit=` (1–100, default 20) and `?cursor=` from the previous page\'s `nextCursor`. ' +
          'Unknown body fields are ignored (fields such as `id`, `role`, `status` are never honoured).',
      },
      servers: [],
      tags: [
        { name: 'auth', description: 'Access tokens' },
        { name: 'users', description: 'Accounts' },
        { name: 'products', description: 'The catalog' },
        { name: 'orders', description: 'Orders and their items' },
        { name: 'operations', description: 'Health and metrics' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from POST /auth/token' },
          oauth2: {
            type: 'oauth2',
            description: 'Password grant against POST /auth/token (username = email)',
            flows: { password: { tokenUrl: '/auth/token', scopes: {} } },
          },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: false, displayOperationId: false, tryItOutEnabled: true },
    staticCSP: true,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
