import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { MAX_LINES_PER_ORDER_PAGE } from '../../../application/orders/list-orders.use-case.js';
import type { OrderChangeInput } from '../../../application/orders/order-change.js';
import { actorOf } from '../auth.js';
import { confirmationRefusalOf } from '../business-outcomes.js';
import { expectedVersionFrom, withEtag } from '../etag.js';
import { idempotencyOf } from '../idempotency-key.js';
import type { HttpDeps } from '../http-deps.js';
import {
  ChangeOrderItemBody,
  ConfirmOrderHeaders,
  CreateOrderBody,
  CreateOrderHeaders,
  ListOrdersQuery,
  OrderChangeHeaders,
  OrderHistoryQuery,
  OrderHistorySchema,
  OrderIdParams,
  OrderItemParams,
  OrderLineBody,
  ORDER_ETAG_HEADERS,
  OrderPageSchema,
  OrderSchema,
  ShipOrderBody,
} from '../schemas/order.schemas.js';
import { problemResponses } from '../schemas/problem.schema.js';
import { okResponse } from '../schemas/response.schema.js';
import { bearerSecurity } from '../schemas/security.schema.js';

/** Who, which order, and the If-Match precondition: what every change to an existing order names. */
const changeOf = (request: FastifyRequest, orderId: string, ifMatch: string | undefined): OrderChangeInput => ({
  actor: actorOf(request),
  orderId,
  expectedVersion: expectedVersionFrom(ifMatch),
});

const tags = ['orders'];
/** The order as an answer returns it, with its ETag. */
const orderResponse = (description: string) => okResponse(OrderSchema, description, ORDER_ETAG_HEADERS);
const security = bearerSecurity;

/**
 * Orders and their items, changed only through the order. Every response that returns
 * one order carries its ETag; a change sent with an If-Match naming another version → 412.
 */
export const ordersRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/orders',
      {
        onRequest: deps.requireUser,
        // No body at all is an empty order, like `{}`.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          operationId: 'createOrder',
          summary: 'Open a pending order, optionally with items',
          description: 'Each item is priced at the product’s current price. The same product twice adds up into one line.',
          tags,
          security,
          headers: CreateOrderHeaders,
          body: CreateOrderBody,
          response: { 201: orderResponse('The new pending order (Location names it)'), ...problemResponses(400, 401, 404, 409, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const order = await deps.orders.create.execute({ actor, items: request.body.items, idempotency: idempotencyOf(request, actor.userId) });
        return reply.code(201).header('location', `/orders/${order.id}`).send(withEtag(reply, order));
      },
    );

    app.get(
      '/orders',
      {
        onRequest: deps.requireUser,
        config: { adminQuery: ['customerId'] },
        schema: {
          operationId: 'listOrders',
          summary: 'Your orders (an admin sees everyone’s), full orders, oldest first',
          description:
            "Customers see their own orders, admins everyone's. Filters combine: `status`, `createdFrom` (inclusive) and `createdTo` (exclusive, both RFC 3339 with any offset), " +
            'and for admins `customerId` (from a customer → 403; a customer’s other filters apply to their own orders). Pages follow `nextCursor` (oldest first, by id). Items are included. ' +
            `A page also ends once its orders hold ${MAX_LINES_PER_ORDER_PAGE} lines or more (the order that reaches that is its last), ` +
            'so it may hold fewer than `limit` orders while `nextCursor` is not null: keep following `nextCursor` until it is null, which continues right after the last order of the page. ' +
            'An unknown query parameter → 422 naming it.',
          tags,
          security,
          querystring: ListOrdersQuery,
          response: { 200: okResponse(OrderPageSchema, 'A page of orders'), ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => deps.orders.list.execute({ actor: actorOf(request), ...request.query }),
    );

    app.get(
      '/orders/:id',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'getOrder',
          summary: 'An order (yours, or any for an admin), with its ETag',
          description: "The `ETag` header carries the order's version; send it back as `If-Match` on a change to make sure nobody changed the order meanwhile.",
          tags,
          security,
          params: OrderIdParams,
          response: { 200: orderResponse('The order'), ...problemResponses(401, 404, 422) },
        },
      },
      async (request, reply) => withEtag(reply, await deps.orders.get.execute({ actor: actorOf(request), orderId: request.params.id })),
    );

    app.post(
      '/orders/:id/items',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'addOrderItem',
          summary: 'Add a product to a pending order (a product already in it adds to its line)',
          description: "The unit price is the product's price now (a snapshot). All items of an order share one currency. Only the owner may add, only while pending.",
          tags,
          security,
          params: OrderIdParams,
          headers: OrderChangeHeaders,
          body: OrderLineBody,
          response: { 200: orderResponse('The changed order'), ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const change = changeOf(request, request.params.id, request.headers['if-match']);
        return withEtag(reply, await deps.orders.addItem.execute({ ...change, ...request.body }));
      },
    );

    app.patch(
      '/orders/:id/items/:itemId',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'changeOrderItem',
          summary: 'Set the quantity of an item of a pending order',
          description: 'Quantity is an integer 1–10,000. Only the owner may change an item, only while the order is pending.',
          tags,
          security,
          params: OrderItemParams,
          headers: OrderChangeHeaders,
          body: ChangeOrderItemBody,
          response: { 200: orderResponse('The changed order'), ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const change = changeOf(request, request.params.id, request.headers['if-match']);
        return withEtag(reply, await deps.orders.changeItem.execute({ ...change, itemId: request.params.itemId, quantity: request.body.quantity }));
      },
    );

    app.delete(
      '/orders/:id/items/:itemId',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'removeOrderItem',
          summary: 'Remove an item from a pending order',
          description: 'Removing the last item leaves an empty pending order (total zero). Only the owner, only while pending.',
          tags,
          security,
          params: OrderItemParams,
          headers: OrderChangeHeaders,
          response: { 200: orderResponse('The changed order'), ...problemResponses(401, 403, 404, 409, 412, 422) },
        },
      },
      async (request, reply) => {
        const change = changeOf(request, request.params.id, request.headers['if-match']);
        return withEtag(reply, await deps.orders.removeItem.execute({ ...change, itemId: request.params.itemId }));
      },
    );

    app.post(
      '/orders/:id/confirm',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'confirmOrder',
          summary: 'Confirm a pending order, reserving stock for every item (all or nothing)',
          description: 'Sends an order-confirmation email. 409 when the order is empty, no longer pending, or short of stock (the problem names the products).',
          tags,
          security,
          params: OrderIdParams,
          headers: ConfirmOrderHeaders,
          response: { 200: orderResponse('The confirmed order'), ...problemResponses(401, 403, 404, 409, 412, 422) },
        },
      },
      async (request, reply) => {
        const change = changeOf(request, request.params.id, request.headers['if-match']);
        const order = await deps.orders.confirm.execute({ ...change, idempotency: idempotencyOf(request, change.actor.userId) }).catch((error: unknown) => {
          const refusal = confirmationRefusalOf(error);
          if (refusal !== null) deps.outcomes?.confirmationRefused(refusal);
          throw error;
        });
        return withEtag(reply, order);
      },
    );

    app.post(
      '/orders/:id/cancel',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'cancelOrder',
          summary: 'Cancel an order (owner or admin); a confirmed order’s stock goes back',
          description:
            'Pending and confirmed orders can be cancelled; cancelling a confirmed order releases its stock and sends a cancellation email. ' +
            'Cancelled is final (409 `order.already_cancelled`); a shipped or delivered order cannot be cancelled (409 `order.already_shipped`).',
          tags,
          security,
          params: OrderIdParams,
          headers: OrderChangeHeaders,
          response: { 200: orderResponse('The cancelled order'), ...problemResponses(401, 404, 409, 412, 422) },
        },
      },
      async (request, reply) =>
        withEtag(reply, await deps.orders.cancel.execute(changeOf(request, request.params.id, request.headers['if-match']))),
    );

    app.post(
      '/orders/:id/ship',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        // No body at all ships without carrier or tracking number, like `{}`.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          operationId: 'shipOrder',
          summary: 'Ship a confirmed order (admin), with an optional carrier and tracking number',
          description:
            'The order becomes `shipped` and gains `shipment` (what was not given is null); the customer gets an email naming the order and the tracking number. ' +
            '409 `order.not_confirmed` unless the order is confirmed. Supports If-Match and Idempotency-Key like confirm.',
          tags,
          security,
          params: OrderIdParams,
          headers: ConfirmOrderHeaders,
          body: ShipOrderBody,
          response: { 200: orderResponse('The shipped order'), ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const change = changeOf(request, request.params.id, request.headers['if-match']);
        const order = await deps.orders.ship.execute({ ...change, ...request.body, idempotency: idempotencyOf(request, change.actor.userId) });
        return withEtag(reply, order);
      },
    );

    app.post(
      '/orders/:id/deliver',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'deliverOrder',
          summary: 'Record that a shipped order was delivered (admin)',
          description: 'The order becomes `delivered` (final) and `shipment.deliveredAt` is set. 409 `order.not_shipped` unless the order is shipped. Supports If-Match and Idempotency-Key.',
          tags,
          security,
          params: OrderIdParams,
          headers: ConfirmOrderHeaders,
          response: { 200: orderResponse('The delivered order'), ...problemResponses(401, 403, 404, 409, 412, 422) },
        },
      },
      async (request, reply) => {
        const change = changeOf(request, request.params.id, request.headers['if-match']);
        const order = await deps.orders.deliver.execute({ ...change, idempotency: idempotencyOf(request, change.actor.userId) });
        return withEtag(reply, order);
      },
    );

    app.get(
      '/orders/:id/history',
      {
        onRequest: deps.requireUser,
        schema: {
          operationId: 'getOrderHistory',
          summary: 'Every version of an order: who changed what, when (owner or admin)',
          description:
            'One event per version, oldest first, written in the same transaction as the change it describes. ' +
            'A response holds at most 1000 events; an order with more answers a `nextCursor` to pass as `cursor`. ' +
            'Orders older than the history show `created` (without `items`) and, if confirmed, `confirmed`; their other versions were not recorded.',
          tags,
          security,
          params: OrderIdParams,
          querystring: OrderHistoryQuery,
          response: { 200: okResponse(OrderHistorySchema, 'The history of the order'), ...problemResponses(401, 404, 422) },
        },
      },
      async (request) => deps.orders.history.execute({ actor: actorOf(request), orderId: request.params.id, cursor: request.query.cursor }),
    );
  };
