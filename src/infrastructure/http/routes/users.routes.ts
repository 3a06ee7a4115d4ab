import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toUserDto } from '../../../application/users/user.dto.js';
import type { HttpDeps } from '../http-deps.js';
import { actorOf } from '../auth.js';
import { problemResponses } from '../schemas/problem.schema.js';
import { loginThrottleHooks, registrationThrottleHook } from '../throttle-hooks.js';
import { okResponse } from '../schemas/response.schema.js';
import { ChangeEmailBody, RegisterUserBody, UserIdParams, UserPageSchema, UserSchema } from '../schemas/user.schemas.js';
import { Type } from 'typebox';
import { pageQuery } from '../schemas/page.schema.js';
import { ChangePasswordBody } from '../schemas/session.schemas.js';

const ListUsersQuery = Type.Object(
  {
    ...pageQuery({
      q: Type.Optional(Type.String({ minLength: 1, maxLength: 320, description: 'Case-insensitive substring of the email' })),
      role: Type.Optional(Type.Union([Type.Literal('customer'), Type.Literal('admin')])),
      isActive: Type.Optional(Type.Boolean()),
    }).properties,
  },
  { additionalProperties: false },
);

const bearer: Record<string, string[]>[] = [{ bearerAuth: [] }, { oauth2: [] }];

export const usersRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    // The current password is checked like a login's, against the same account counter.
    const passwordCheck = loginThrottleHooks(deps.loginThrottle, { account: (request) => request.caller?.user.email.value ?? null, successStatus: 204 });

    app.post(
      '/users',
      {
        preHandler: registrationThrottleHook(deps.registrationThrottle),
        schema: {
          operationId: 'registerUser',
          summary: 'Register a customer account',
          description: 'Emails are unique case-insensitively. Sends a welcome email (asynchronously, via the outbox). Registrations per client address are limited (429 with Retry-After, code `registration.throttled`).',
          tags: ['users'],
          security: [],
          body: RegisterUserBody,
          response: { 201: okResponse(UserSchema, 'The new account (Location names it)'), ...problemResponses(400, 409, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        const user = await deps.users.register.execute(request.body);
        return reply.code(201).header('location', `/users/${user.id}`).send(user);
      },
    );

    app.get(
      '/users/me',
      {
        onRequest: deps.requireUser,
        schema: { operationId: 'getMe', summary: 'The authenticated user', description: "Answers from the user the bearer token belongs to. A deactivated user's token is refused (401) at once.", tags: ['users'], security: bearer, response: { 200: okResponse(UserSchema, 'You'), ...problemResponses(401) } },
      },
      // The auth hook has just read the user: answering from it keeps this at one statement.
      async (request) => toUserDto(request.caller!.user),
    );

    app.patch(
      '/users/me',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'updateMe',
          summary: 'Change your email',
          description: "Changes the caller's email. The new address must be unused (compared case-insensitively). Other fields are ignored.",
          tags: ['users'],
          security: bearer,
          body: ChangeEmailBody,
          response: { 200: okResponse(UserSchema, 'You, with the new email'), ...problemResponses(400, 401, 409, 413, 415, 422) },
        },
      },
      async (request) => deps.users.changeEmail.execute({ actor: actorOf(request), email: request.body.email }),
    );

    app.get(
      '/users',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'listUsers',
          summary: 'Every user account (admins only), oldest first',
          description: '`q` matches the email (case-insensitive substring); `role` and `isActive` filter; pages follow `nextCursor`.',
          tags: ['users'],
          security: bearer,
          querystring: ListUsersQuery,
          response: { 200: okResponse(UserPageSchema, 'A page of user accounts'), ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => deps.users.list.execute({ actor: actorOf(request), ...request.query }),
    );

    app.post(
      '/users/me/password',
      {
        onRequest: deps.requireUser,
        preHandler: passwordCheck.preHandler,
        onResponse: passwordCheck.onResponse,
        schema: {
          operationId: 'changePassword',
          summary: 'Change your password',
          description: 'Needs the current password (wrong → 403 `auth.wrong_password`); wrong ones count against the account like failed logins (429 `auth.throttled` with Retry-After past the limit). The new one follows the registration policy. Every session ends: refresh tokens are revoked and access tokens issued before the change are refused; log in again. The owner is told by email.',
          tags: ['users'],
          security: bearer,
          body: ChangePasswordBody,
          response: { 204: Type.Null({ description: 'Password changed' }), ...problemResponses(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        await deps.users.changePassword.execute({ actor: actorOf(request), ...request.body });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/users/:id',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'getUser',
          summary: 'A user (yourself, or anyone for admins)',
          description: 'Customers may read only themselves; any other id answers 404 so ids cannot be probed. Admins may read anyone.',
          tags: ['users'],
          security: bearer,
          params: UserIdParams,
          response: { 200: okResponse(UserSchema, 'The user'), ...problemResponses(401, 404, 422) },
        },
      },
      async (request) => deps.users.get.execute({ actor: actorOf(request), userId: request.params.id }),
    );

    app.post(
      '/users/:id/deactivate',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'deactivateUser',
          summary: 'Deactivate a user (yourself, or anyone for admins); their tokens stop working at once',
          description: 'Users are never deleted. Deactivation is idempotent; the user can no longer log in and existing tokens stop working.',
          tags: ['users'],
          security: bearer,
          params: UserIdParams,
          response: { 200: okResponse(UserSchema, 'The user, now inactive'), ...problemResponses(401, 404, 422) },
        },
      },
      async (request) => deps.users.deactivate.execute({ actor: actorOf(request), userId: request.params.id }),
    );

    app.post(
      '/users/:id/reactivate',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'reactivateUser',
          summary: 'Reactivate a user (admins only)',
          description: 'Idempotent. Sessions ended by the deactivation stay ended: the user logs in again.',
          tags: ['users'],
          security: bearer,
          params: UserIdParams,
          response: { 200: UserSchema, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => deps.users.reactivate.execute({ actor: actorOf(request), userId: request.params.id }),
    );
  };
