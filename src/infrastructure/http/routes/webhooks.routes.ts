import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { PageQuery } from '../schemas/page.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';
import { okResponse } from '../schemas/response.schema.js';
import { bearerSecurity } from '../schemas/security.schema.js';
import {
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookDeliveriesQuery,
  WebhookDeliveryPageSchema,
  WebhookDeliveryParams,
  WebhookDeliverySchema,
  WebhookEndpointPageSchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
  WebhookIdParams,
} from '../schemas/webhook.schemas.js';

/** Webhook endpoints and their delivery logs: admins only (a customer gets 403 from the use cases). */
export const webhooksRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/webhooks',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'createWebhook',
          summary: 'Register a webhook endpoint (admin)',
          description:
            'Events of the listed types are POSTed to `url`, signed (Standard Webhooks). The answer carries the signing secret: **the only time it is shown**. ' +
            'The URL must be http(s) and its host must resolve to public addresses only (else 422 at `/url`). The endpoint is active at once.',
          tags: ['webhooks'],
          security: bearerSecurity,
          body: CreateWebhookBody,
          response: { 201: okResponse(WebhookEndpointWithSecretSchema, 'The new endpoint with its secret (Location names it)'), ...problemResponses(400, 401, 403, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const endpoint = await deps.webhooks.create.execute({ actor: actorOf(request), ...request.body });
        return reply.code(201).header('location', `/webhooks/${endpoint.id}`).send(endpoint);
      },
    );

    app.get(
      '/webhooks',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'listWebhooks',
          summary: 'The webhook endpoints, a page at a time (admin)',
          description: 'Oldest first; pass `nextCursor` back as `cursor`. Never shows secrets.',
          tags: ['webhooks'],
          security: bearerSecurity,
          querystring: PageQuery,
          response: { 200: okResponse(WebhookEndpointPageSchema, 'A page of endpoints'), ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => deps.webhooks.list.execute({ actor: actorOf(request), ...request.query }),
    );

    app.get(
      '/webhooks/:id',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'getWebhook',
          summary: 'A webhook endpoint (admin)',
          description: 'Never shows the secret.',
          tags: ['webhooks'],
          security: bearerSecurity,
          params: WebhookIdParams,
          response: { 200: okResponse(WebhookEndpointSchema, 'The endpoint'), ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => deps.webhooks.get.execute({ actor: actorOf(request), endpointId: request.params.id }),
    );

    app.patch(
      '/webhooks/:id',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'updateWebhook',
          summary: 'Change a webhook endpoint (admin)',
          description:
            'Absent fields stay as they are. A new `url` passes the same checks as at creation. `isActive: false` stops new deliveries and holds pending ones until it is active again. ' +
            'Deliveries already recorded keep their body; they are sent to the current URL.',
          tags: ['webhooks'],
          security: bearerSecurity,
          params: WebhookIdParams,
          body: UpdateWebhookBody,
          response: { 200: okResponse(WebhookEndpointSchema, 'The changed endpoint'), ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      async (request) => deps.webhooks.update.execute({ actor: actorOf(request), endpointId: request.params.id, ...request.body }),
    );

    app.delete(
      '/webhooks/:id',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'deleteWebhook',
          summary: 'Delete a webhook endpoint (admin)',
          description: 'The endpoint and its delivery log go; nothing more is sent to it, pending retries included.',
          tags: ['webhooks'],
          security: bearerSecurity,
          params: WebhookIdParams,
          response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        await deps.webhooks.delete.execute({ actor: actorOf(request), endpointId: request.params.id });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/webhooks/:id/rotate-secret',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'rotateWebhookSecret',
          summary: 'Give a webhook endpoint a new signing secret (admin)',
          description: 'The old secret stops at once: every attempt from now on, retries of older events included, is signed with the new one, shown only in this answer.',
          tags: ['webhooks'],
          security: bearerSecurity,
          params: WebhookIdParams,
          response: { 200: okResponse(WebhookEndpointWithSecretSchema, 'The endpoint with its new secret'), ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => deps.webhooks.rotateSecret.execute({ actor: actorOf(request), endpointId: request.params.id }),
    );

    app.get(
      '/webhooks/:id/deliveries',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'listWebhookDeliveries',
          summary: "An endpoint's delivery log (admin)",
          description: 'Newest first, optionally one `status` only; pass `nextCursor` back as `cursor` for older ones.',
          tags: ['webhooks'],
          security: bearerSecurity,
          params: WebhookIdParams,
          querystring: WebhookDeliveriesQuery,
          response: { 200: okResponse(WebhookDeliveryPageSchema, 'A page of deliveries'), ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => deps.webhooks.listDeliveries.execute({ actor: actorOf(request), endpointId: request.params.id, ...request.query }),
    );

    app.post(
      '/webhooks/:id/deliveries/:deliveryId/retry',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'retryWebhookDelivery',
          summary: 'Send a delivery again (admin)',
          description:
            'Whatever its status: it is pending again, due now, with a fresh retry window. The same body and `webhook-id` as before, so a receiver that has it already recognises it. ' +
            'Accepted: the worker sends it within moments.',
          tags: ['webhooks'],
          security: bearerSecurity,
          params: WebhookDeliveryParams,
          response: { 202: okResponse(WebhookDeliverySchema, 'The delivery, pending again'), ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const delivery = await deps.webhooks.retryDelivery.execute({ actor: actorOf(request), endpointId: request.params.id, deliveryId: request.params.deliveryId });
        return reply.code(202).send(delivery);
      },
    );
  };
