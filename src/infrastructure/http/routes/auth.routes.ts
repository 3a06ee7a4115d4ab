import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpDeps } from '../http-deps.js';
import { loginThrottleHooks } from '../throttle-hooks.js';
import { problemResponses } from '../schemas/problem.schema.js';
import { okResponse } from '../schemas/response.schema.js';
import { TokenFormBody, TokenJsonBody, TokenResponse } from '../schemas/user.schemas.js';

/**
 * OAuth2-style password grant (RFC 6749 §4.3 response shape). Accepts JSON
 * `{email, password}` or the form `username`/`password` that OAuth2 clients
 * (and the docs page's Authorize button) send. The form parser is registered
 * only in this plugin's scope, so every other route still answers 415 to forms.
 */
export const authRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const throttle = loginThrottleHooks(deps.loginThrottle);
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    app.post(
      '/auth/token',
      {
        preHandler: throttle.preHandler,
        onResponse: throttle.onResponse,
        schema: {
          operationId: 'issueToken',
          summary: 'Log in: exchange email and password for an access token',
          description:
            'JSON `{email, password}` or form `username`, `password` (OAuth2 password grant). Wrong email and wrong password get the same answer. Attempts are counted before the password is checked: past the limits (docs/security.md) the answer is 429 with Retry-After and code `auth.throttled`, and a burst never gets a token.',
          tags: ['auth'],
          security: [],
          consumes: ['application/json', 'application/x-www-form-urlencoded'],
          body: Type.Union([TokenJsonBody, TokenFormBody]),
          response: { 200: okResponse(TokenResponse, 'The access token'), ...problemResponses(400, 401, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const email = 'email' in body ? body.email : body.username;
        const token = await deps.users.issueToken.execute({ email, password: body.password });
        if (await throttle.refuseToken(request, reply)) return reply;
        // Tokens must never be cached by intermediaries (RFC 6749 §5.1).
        void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
        return { access_token: token.accessToken, token_type: 'bearer' as const, expires_in: token.expiresInSeconds };
      },
    );
  };
