/** The event types a webhook endpoint can subscribe to (the contract's list, in its order). */
export const WEBHOOK_EVENT_TYPES = [
  'user.registered',
  'order.created',
  'order.confirmed',
  'order.cancelled',
  'order.shipped',
  'order.delivered',
  'product.archived',
  'stock.low',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What a webhook's `data` is: the resource the event's aggregate id names. */
export type WebhookResource = 'user' | 'order' | 'product';

/**
 * Which domain events (their outbox `type`) are published as which webhook event. Events not
 * listed (password changes, reset requests) stay internal: they carry nothing a shop's other
 * systems should hear about.
 */
const FROM_DOMAIN_EVENT: Readonly<Record<string, { type: WebhookEventType; resource: WebhookResource }>> = {
  UserRegistered: { type: 'user.registered', resource: 'user' },
  OrderCreated: { type: 'order.created', resource: 'order' },
  OrderConfirmed: { type: 'order.confirmed', resource: 'order' },
  OrderCancelled: { type: 'order.cancelled', resource: 'order' },
  OrderShipped: { type: 'order.shipped', resource: 'order' },
  OrderDelivered: { type: 'order.delivered', resource: 'order' },
  ProductArchived: { type: 'product.archived', resource: 'product' },
  StockLow: { type: 'stock.low', resource: 'product' },
};

/** The webhook event a domain event is published as, or null when it is not published. */
export const webhookEventOf = (domainEventType: string): { type: WebhookEventType; resource: WebhookResource } | null =>
  Object.hasOwn(FROM_DOMAIN_EVENT, domainEventType) ? FROM_DOMAIN_EVENT[domainEventType]! : null;

export const isWebhookEventType = (value: string): value is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
