import { Type } from 'typebox';
import { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_URL_MAX } from '../../../domain/webhooks/webhook-endpoint.entity.js';
import { WEBHOOK_EVENT_TYPES } from '../../../domain/webhooks/webhook-event-type.js';
import { component, refTo } from './component.schema.js';
import { pageOf, pageQuery } from './page.schema.js';
import { Id, Int32, INT32_MAX, Text, Timestamp } from './primitives.schema.js';

// Spelled out so the type checker sees the union (a new status in the domain fails the build here).
const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')], {
  description: 'pending: to be sent or retried; succeeded: a 2xx came back; failed: no 2xx within the retry window (retry by hand)',
});

const EventType = Type.String({ enum: [...WEBHOOK_EVENT_TYPES], maxLength: 32, description: 'A webhook event type' });
const Events = Type.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length * 2, description: 'The event types sent to this endpoint (a type named twice counts once)' });
const Url = Type.String({
  minLength: 1,
  maxLength: WEBHOOK_URL_MAX,
  format: 'uri',
  description: 'http:// or https://; hosts that resolve to loopback, private, link-local or metadata addresses are refused (422)',
  examples: ['https://erp.example.com/hooks/orders'],
});
const Description = Text(WEBHOOK_DESCRIPTION_MAX * 2, { description: `Up to ${WEBHOOK_DESCRIPTION_MAX} characters`, examples: ['Warehouse system'] });
const Secret = Type.String({
  maxLength: 64,
  pattern: '^whsec_[A-Za-z0-9+/]+=*$',
  description: 'The signing secret: `whsec_` + base64 of 32 random bytes. Shown only in this answer: store it now.',
});

const endpointProperties = {
  id: Id(),
  url: Type.String({ maxLength: WEBHOOK_URL_MAX * 3 }),
  events: Type.Array(EventType, { maxItems: WEBHOOK_EVENT_TYPES.length }),
  description: Text(WEBHOOK_DESCRIPTION_MAX * 2),
  isActive: Type.Boolean({ description: 'Inactive endpoints get no new deliveries, and their pending ones wait' }),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
};

export const WebhookEndpointSchema = component('WebhookEndpoint', Type.Object(endpointProperties, {
  additionalProperties: false,
  description: 'Where the shop POSTs its events (never shows the secret)',
}));

export const WebhookEndpointWithSecretSchema = component('WebhookEndpointWithSecret', Type.Object(
  { ...endpointProperties, secret: Secret },
  { additionalProperties: false, description: 'A new endpoint (or one with a new secret), with its signing secret: the only time it is shown' },
));

export const WebhookEndpointPageSchema = component('WebhookEndpointPage', Object.assign(pageOf(refTo(WebhookEndpointSchema)), { description: 'A page of webhook endpoints, oldest first' }));

export const WebhookDeliverySchema = component('WebhookDelivery', Type.Object(
  {
    id: Id(),
    eventId: Id({ description: 'The event id: the `webhook-id` header and the body\'s `id`, the same on every attempt' }),
    eventType: EventType,
    status: DeliveryStatus,
    attempts: Int32(0, INT32_MAX),
    lastStatusCode: Type.Union([Int32(0, 999), Type.Null()], { description: 'The HTTP status of the last attempt; null before the first answer or when none came (timeout, connection refused)' }),
    lastError: Type.Union([Text(200), Type.Null()], { description: 'Why the last attempt failed, in a few words (`HTTP 500`, `timeout` …); never the response body' }),
    lastAttemptAt: Type.Union([Timestamp(), Type.Null()]),
    nextAttemptAt: Type.Union([Timestamp(), Type.Null()], { description: 'When a pending delivery is attempted next; null once it succeeded or failed' }),
    createdAt: Timestamp(),
  },
  { additionalProperties: false, description: 'One event sent to one endpoint, with its attempts so far' },
));

export const WebhookDeliveryPageSchema = component('WebhookDeliveryPage', Object.assign(pageOf(refTo(WebhookDeliverySchema)), { description: 'A page of deliveries, newest first' }));

export const CreateWebhookBody = Type.Object({ url: Url, events: Events, description: Type.Optional(Description) }, { additionalProperties: false });

export const UpdateWebhookBody = Type.Object(
  { url: Type.Optional(Url), events: Type.Optional(Events), description: Type.Optional(Description), isActive: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const WebhookIdParams = Type.Object({ id: Id() });
export const WebhookDeliveryParams = Type.Object({ id: Id(), deliveryId: Id() });

export const WebhookDeliveriesQuery = pageQuery({
  status: Type.Optional(DeliveryStatus),
});

const EVENTS: Readonly<Record<(typeof WEBHOOK_EVENT_TYPES)[number], { summary: string; data: 'Order' | 'Product' | 'User' }>> = {
  'user.registered': { summary: 'A user registered', data: 'User' },
  'order.created': { summary: 'An order was created', data: 'Order' },
  'order.confirmed': { summary: 'An order was confirmed (its stock taken)', data: 'Order' },
  'order.cancelled': { summary: 'An order was cancelled', data: 'Order' },
  'order.shipped': { summary: 'An order was shipped', data: 'Order' },
  'order.delivered': { summary: 'An order was delivered', data: 'Order' },
  'product.archived': { summary: 'A product was archived', data: 'Product' },
  'stock.low': { summary: "A product's stock fell to or below LOW_STOCK_THRESHOLD", data: 'Product' },
};

const header = (name: string, description: string, schema: object) => ({ name, in: 'header', required: true, description, schema });

/**
 * OpenAPI 3.1's top-level `webhooks`: the request this service sends for each event type, with the
 * Standard Webhooks headers. Plain objects with document-level `$ref`s (the section is not a route,
 * so nothing resolves component names for it).
 */
export const webhooksDocument = (): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(EVENTS).map(([type, { summary, data }]) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace('.', '_')}`,
          summary,
          description:
            `Sent to every active endpoint subscribed to \`${type}\`. \`data\` is the ${data.toLowerCase()} as the API shows it (to an admin) right after the change. ` +
            'Verify `webhook-signature` before trusting the body (docs/webhooks.md); de-duplicate on `webhook-id`. Any 2xx within 10 s ends the delivery; anything else is retried with growing back-off for at least 24 h.',
          tags: ['webhooks'],
          security: [],
          parameters: [
            header('webhook-id', 'The event id: the same on every retry', { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9._~-]+$' }),
            header('webhook-timestamp', 'When this attempt was signed, Unix seconds: refuse ones far from your clock (replays)', { type: 'string', maxLength: 12, pattern: '^[0-9]+$' }),
            header('webhook-signature', '`v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`, keyed with the base64-decoded part of the secret after `whsec_`', {
              type: 'string',
              maxLength: 200,
              pattern: '^v1,[A-Za-z0-9+/]+=*$',
            }),
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['id', 'type', 'createdAt', 'data'],
                  properties: {
                    id: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9._~-]+$', description: 'The event id (= `webhook-id`)' },
                    type: { type: 'string', const: type, maxLength: 32 },
                    createdAt: { type: 'string', format: 'date-time', maxLength: 40, description: 'When the change happened' },
                    data: { $ref: `#/components/schemas/${data}` },
                  },
                },
              },
            },
          },
          responses: {
            '200': { description: 'Received (any 2xx will do)' },
            default: { description: 'Anything else (or no answer within 10 s) is retried' },
          },
        },
      },
    ]),
  );
