import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { SessionTokens } from '../../../application/users/session-tokens.js';
import { invalid } from '../../../domain/shared/domain-error.js';
import { loginRefusalOf } from '../business-outcomes.js';
import type { HttpDeps } from '../http-deps.js';
import { NUL_MESSAGE } from '../json-body-parser.js';
import { loginThrottleHooks, passwordResetThrottleHook } from '../throttle-hooks.js';
import { problemResponses } from '../schemas/problem.schema.js';
import { okResponse } from '../schemas/response.schema.js';
import { TokenFormBody, TokenJsonBody, TokenResponse } from '../schemas/user.schemas.js';
import { LogoutBody, PasswordResetBody, PasswordResetConfirmBody, RefreshFormBody, RefreshJsonBody } from '../schemas/session.schemas.js';

/** RFC 6749 §5.1's answer; tokens must never be cached by intermediaries. */
const sendTokens = (reply: FastifyReply, t: SessionTokens) => {
  void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
  return { access_token: t.accessToken, token_type: 'bearer' as const, expires_in: t.expiresInSeconds, refresh_token: t.refreshToken };
};

/**
 * OAuth2-style password and refresh grants (RFC 6749 §4.3, §6). Accepts JSON
 * `{email, password}` / `{refreshToken}` or the forms OAuth2 clients (and the docs
 * page's Authorize button) send. The form parser is registered only in this
 * plugin's scope, so every other route still answers 415 to forms.
 */
export const authRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const throttle = loginThrottleHooks(deps.loginThrottle);
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      const fields = Object.fromEntries(new URLSearchParams(body as string));
      // The contract's NUL rule holds for form fields as for JSON strings (json-body-parser.ts).
      const nul = Object.entries(fields).find(([name, value]) => name.includes('\0') || value.includes('\0'));
      if (nul) return done(invalid(`/${nul[0].replace(/\0/g, '\\0').replace(/~/g, '~0').replace(/\//g, '~1')}`, NUL_MESSAGE), undefined);
      done(null, fields);
    });

    app.post(
      '/auth/token',
      {
        // The password grant only: a refresh body names no account, so the throttle lets it by.
        preHandler: async (request, reply) => {
          const refused = await throttle.preHandler(request, reply);
          // (A reply is thenable, so awaiting the hook's answer does not say whether it answered: ask the reply.)
          if (reply.sent && reply.statusCode === 429) deps.outcomes?.login('throttled');
          return refused;
        },
        onResponse: throttle.onResponse,
        schema: {
          operationId: 'issueToken',
          summary: 'Log in (password grant) or refresh a session (refresh_token grant)',
          description:
            'Password grant: JSON `{email, password}` or form `username`, `password`. Wrong email and wrong password get the same answer. Attempts are counted before the password is checked: past the limits (docs/security.md) the answer is 429 with Retry-After and code `auth.throttled`, and a burst never gets a token.\n\nRefresh grant: form `grant_type=refresh_token&refresh_token=R` or JSON `{"refreshToken": R}`. R is single use: the answer carries a new refresh token. A refresh token that is unknown, expired, revoked or already used → 401 `auth.invalid_refresh_token`; one presented a second time also revokes every token of its login (docs/sessions.md).',
          tags: ['auth'],
          security: [],
          consumes: ['application/json', 'application/x-www-form-urlencoded'],
          body: Type.Union([TokenJsonBody, TokenFormBody, RefreshFormBody, RefreshJsonBody]),
          response: { 200: okResponse(TokenResponse, 'The access token and the refresh token that renews it'), ...problemResponses(400, 401, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if ('refreshToken' in body || 'refresh_token' in body) {
          const refreshToken = 'refreshToken' in body ? body.refreshToken : body.refresh_token;
          return sendTokens(reply, await deps.users.refresh.execute({ refreshToken }));
        }
        const email = 'email' in body ? body.email : body.username;
        const tokens = await deps.users.issueToken
          .execute({
            email,
            password: body.password,
            mayIssue: async () => !(await throttle.refuseToken(request, reply)),
          })
          .catch((error: unknown) => {
            const outcome = loginRefusalOf(error);
            if (outcome !== null) deps.outcomes?.login(outcome);
            throw error;
          });
        if (tokens === null) {
          // Refused its token: throttled (429), or the throttle's store was unreachable (503, no outcome).
          if (reply.statusCode === 429) deps.outcomes?.login('throttled');
          return reply;
        }
        deps.outcomes?.login('success');
        return sendTokens(reply, tokens);
      },
    );

    app.post(
      '/auth/logout',
      {
        schema: {
          operationId: 'logOut',
          summary: 'Log out: end the session a refresh token belongs to',
          description: 'That refresh token and every token rotated from the same login stop working. Access tokens already issued run out on their own (15 minutes by default).',
          tags: ['auth'],
          security: [],
          body: LogoutBody,
          response: { 204: Type.Null({ description: 'Logged out' }), ...problemResponses(400, 401, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        await deps.users.logOut.execute({ refreshToken: request.body.refreshToken });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/password-reset',
      {
        preHandler: passwordResetThrottleHook(deps.passwordResetThrottle),
        schema: {
          operationId: 'requestPasswordReset',
          summary: 'Ask for a password reset email',
          description: 'Always 202, whether or not the address belongs to an account. An active account gets an email holding a single-use reset token valid for one hour; asking again voids the older token. Requests are limited per client address and per email address (429 with Retry-After, code `auth.throttled`).',
          tags: ['auth'],
          security: [],
          body: PasswordResetBody,
          response: { 202: Type.Null({ description: 'Accepted' }), ...problemResponses(400, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        await deps.users.requestPasswordReset.execute({ email: request.body.email });
        return reply.code(202).send(null);
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      {
        schema: {
          operationId: 'confirmPasswordReset',
          summary: 'Set a new password with a reset token',
          description: 'The token is single use. Every session of the account ends, and the owner is told by email. An unknown, used or expired token → 422 `auth.invalid_reset_token` naming `/token`.',
          tags: ['auth'],
          security: [],
          body: PasswordResetConfirmBody,
          response: { 204: Type.Null({ description: 'Password set' }), ...problemResponses(400, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        await deps.users.confirmPasswordReset.execute(request.body);
        return reply.code(204).send(null);
      },
    );
  };
