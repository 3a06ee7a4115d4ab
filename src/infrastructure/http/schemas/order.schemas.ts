import { Type } from 'typebox';
import { QUANTITY_MAX, QUANTITY_MIN } from '../../../domain/orders/quantity.value-object.js';
import { component, refTo } from './component.schema.js';
import { MoneySchema } from './money.schema.js';
import { pageOf, pageQuery } from './page.schema.js';
import { Id, Int32, INT32_MAX, MAX_HEADER_BYTES, Text, Timestamp } from './primitives.schema.js';
import { MAX_ORDER_LINES } from '../../../domain/orders/order.aggregate.js';
import { RFC3339_PATTERN } from '../../../application/shared/rfc3339.js';
import { MAX_HISTORY_EVENTS_PER_PAGE } from '../../../application/orders/get-order-history.use-case.js';
import { ORDER_ACTIONS } from '../../../domain/orders/order-actions.js';
import { CARRIER_MAX_LENGTH, TRACKING_NUMBER_MAX_LENGTH } from '../../../domain/orders/shipment.value-object.js';

// Spelled out so the type checker sees the union (a new status in the domain fails the build here).
const Status = Type.Union(
  [Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('shipped'), Type.Literal('delivered'), Type.Literal('cancelled')],
  { description: 'pending → confirmed → shipped → delivered; cancelled from pending or confirmed. Cancelled and delivered are final.' },
);

const Carrier = Text(CARRIER_MAX_LENGTH, { minLength: 1, description: `Who carries the parcel, 1–${CARRIER_MAX_LENGTH} characters`, examples: ['DHL'] });
const TrackingNumber = Text(TRACKING_NUMBER_MAX_LENGTH, {
  minLength: 1,
  description: `The carrier's tracking number, 1–${TRACKING_NUMBER_MAX_LENGTH} characters`,
  examples: ['JD014600006281230704'],
});

export const OrderActionSchema = component('OrderAction', Type.Union([Type.Literal('addItem'), Type.Literal('changeItem'), Type.Literal('removeItem'), Type.Literal('confirm'), Type.Literal('cancel'), Type.Literal('ship'), Type.Literal('deliver')], {
  description: 'Something a caller may do to an order: addItem (POST …/items), changeItem (PATCH …/items/{itemId}), removeItem (DELETE …/items/{itemId}), confirm, cancel, ship, deliver',
}));

export const ShipmentSchema = component('Shipment', Type.Object(
  {
    carrier: Type.Union([Carrier, Type.Null()]),
    trackingNumber: Type.Union([TrackingNumber, Type.Null()]),
    shippedAt: Timestamp(),
    deliveredAt: Type.Union([Timestamp(), Type.Null()], { description: 'Null until the order is delivered' }),
  },
  { additionalProperties: false, description: 'How the order travels; what was not given or has not happened is null' },
));

export const OrderItemSchema = component('OrderItem', Type.Object(
  {
    id: Id(),
    productId: Id(),
    quantity: Int32(QUANTITY_MIN, QUANTITY_MAX),
    unitPrice: refTo(MoneySchema, { description: "The product's price when the item was added" }),
    lineTotal: refTo(MoneySchema, { description: 'quantity × unitPrice' }),
  },
  { additionalProperties: false, description: 'One line of an order' },
));

export const OrderSchema = component('Order', Type.Object(
  {
    id: Id(),
    customerId: Id(),
    status: Status,
    items: Type.Array(refTo(OrderItemSchema), { maxItems: MAX_ORDER_LINES }),
    total: refTo(MoneySchema, { description: 'Σ quantity × unitPrice, exact; zero for an empty order' }),
    allowedActions: Type.Array(refTo(OrderActionSchema), {
      maxItems: ORDER_ACTIONS.length,
      uniqueItems: true,
      description: 'What the caller may do to the order now (render buttons from it), e.g. `["cancel","ship"]` for an admin on a confirmed order; `[]` once delivered or cancelled',
      examples: [['addItem', 'changeItem', 'removeItem', 'confirm', 'cancel']],
    }),
    shipment: Type.Union([refTo(ShipmentSchema), Type.Null()], { description: 'Null until the order ships' }),
    version: Int32(1, INT32_MAX, { description: 'Bumped by every change; the ETag is `"<version>"`' }),
    createdAt: Timestamp(),
    updatedAt: Timestamp(),
  },
  {
    additionalProperties: false,
    description: 'An order with its items',
    examples: [{
      id: '0196a1a5-0000-7000-8000-0000000000aa',
      customerId: '0196a1a4-7c2e-7d3a-9b1f-2f6c1e5a4b3c',
      status: 'shipped',
      items: [{
        id: '0196a1a5-0000-7000-8000-000000000001',
        productId: '0196a1a3-0000-7000-8000-000000000009',
        quantity: 2,
        unitPrice: { amount: '12.50', currency: 'USD' },
        lineTotal: { amount: '25.00', currency: 'USD' },
      }],
      total: { amount: '25.00', currency: 'USD' },
      allowedActions: ['deliver'],
      shipment: { carrier: 'DHL', trackingNumber: 'JD014600006281230704', shippedAt: '2025-03-02T14:30:00.000Z', deliveredAt: null },
      version: 4,
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-02T14:30:00.000Z',
    }],
  },
));

const HistoryLine = { itemId: Id(), productId: Id(), quantity: Int32(QUANTITY_MIN, QUANTITY_MAX, { description: "The line's quantity after the change (a removal: what it held)" }) };

export const OrderHistoryEventSchema = component('OrderHistoryEvent', Type.Object(
  {
    at: Timestamp(),
    type: Type.Union([Type.Literal('created'), Type.Literal('item_added'), Type.Literal('item_changed'), Type.Literal('item_removed'), Type.Literal('confirmed'), Type.Literal('cancelled'), Type.Literal('shipped'), Type.Literal('delivered')]),
    actor: Type.Object(
      { id: Id(), role: Type.Union([Type.Literal('customer'), Type.Literal('admin')]) },
      { additionalProperties: false, description: 'Who made the change' },
    ),
    version: Int32(1, INT32_MAX, { description: 'The order version this change produced' }),
    itemId: Type.Optional(HistoryLine.itemId),
    productId: Type.Optional(HistoryLine.productId),
    quantity: Type.Optional(HistoryLine.quantity),
    carrier: Type.Optional(Type.Union([Carrier, Type.Null()])),
    trackingNumber: Type.Optional(Type.Union([TrackingNumber, Type.Null()])),
    items: Type.Optional(Type.Array(Type.Object(HistoryLine, { additionalProperties: false }), {
      maxItems: MAX_ORDER_LINES,
      description: '`created` only: the lines the order was opened with (absent for orders older than the history)',
    })),
  },
  {
    additionalProperties: false,
    description: 'One version of an order: item_added, item_changed and item_removed carry itemId, productId and quantity; shipped carries carrier and trackingNumber',
  },
));

export const OrderHistorySchema = component('OrderHistory', Type.Object(
  {
    items: Type.Array(refTo(OrderHistoryEventSchema), {
      maxItems: MAX_HISTORY_EVENTS_PER_PAGE,
      description: `One event per version, oldest (version 1, created) first; at most ${MAX_HISTORY_EVENTS_PER_PAGE} per response`,
    }),
    nextCursor: Type.Union([Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_=-]+$' }), Type.Null()], {
      description: `Null unless the order has more than ${MAX_HISTORY_EVENTS_PER_PAGE} events: then pass it as \`cursor\` for the next ones`,
    }),
  },
  {
    additionalProperties: false,
    description: 'The audit trail of an order',
    examples: [{
      items: [
        { at: '2025-03-01T09:00:00.000Z', type: 'created', actor: { id: '0196a1a4-7c2e-7d3a-9b1f-2f6c1e5a4b3c', role: 'customer' }, version: 1, items: [] },
        { at: '2025-03-01T09:01:00.000Z', type: 'item_added', actor: { id: '0196a1a4-7c2e-7d3a-9b1f-2f6c1e5a4b3c', role: 'customer' }, version: 2, itemId: '0196a1a5-0000-7000-8000-000000000001', productId: '0196a1a3-0000-7000-8000-000000000009', quantity: 2 },
        { at: '2025-03-01T09:02:00.000Z', type: 'confirmed', actor: { id: '0196a1a4-7c2e-7d3a-9b1f-2f6c1e5a4b3c', role: 'customer' }, version: 3 },
        { at: '2025-03-02T14:30:00.000Z', type: 'shipped', actor: { id: '0196a1a0-0000-7000-8000-00000000a0a0', role: 'admin' }, version: 4, carrier: 'DHL', trackingNumber: 'JD014600006281230704' },
      ],
      nextCursor: null,
    }],
  },
));

export const OrderPageSchema = component('OrderPage', Object.assign(pageOf(refTo(OrderSchema)), { description: 'A page of orders' }));

/** The response headers of an answer that returns one order (OpenAPI reads `headers` beside the body schema). */
export const ORDER_ETAG_HEADERS = {
  etag: { type: 'string', maxLength: 16, pattern: '^"[0-9]+"$', description: 'The order version as a strong entity tag, e.g. `"3"`; send it back in If-Match' },
} as const;

const ProductId = Id();
const Quantity = Int32(QUANTITY_MIN, QUANTITY_MAX, { description: `An integer ${QUANTITY_MIN}–${QUANTITY_MAX}` });

export const OrderLineBody = Type.Object({ productId: ProductId, quantity: Quantity }, { additionalProperties: false });

export const CreateOrderBody = Type.Object(
  {
    items: Type.Optional(
      Type.Array(OrderLineBody, { maxItems: MAX_ORDER_LINES, description: 'Lines to start with; the same product twice adds up into one line' }),
    ),
  },
  { additionalProperties: false },
);

export const ChangeOrderItemBody = Type.Object({ quantity: Quantity }, { additionalProperties: false });

export const OrderIdParams = Type.Object({ id: Id() });
export const OrderHistoryQuery = Type.Object(
  { cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_=-]+$', description: "The previous response's `nextCursor`" })) },
  { additionalProperties: false },
);
export const OrderItemParams = Type.Object({ id: Id(), itemId: Id() });

export const ShipOrderBody = Type.Object(
  { carrier: Type.Optional(Carrier), trackingNumber: Type.Optional(TrackingNumber) },
  { additionalProperties: false, examples: [{ carrier: 'DHL', trackingNumber: 'JD014600006281230704' }] },
);

const CreatedBound = (description: string, example: string) =>
  Type.String({
    maxLength: 40,
    pattern: RFC3339_PATTERN,
    description: `${description}; RFC 3339 with any offset (malformed → 422). Encode a \`+\` offset as \`%2B\` (an unencoded one arrives as a space, which is read as \`+\`)`,
    examples: [example],
  });

export const ListOrdersQuery = pageQuery({
  status: Type.Optional(Status),
  customerId: Type.Optional(Id({ description: "Admins only (a customer → 403): one customer's orders" })),
  createdFrom: Type.Optional(CreatedBound('Orders created at or after this instant (inclusive)', '2025-03-01T00:00:00Z')),
  createdTo: Type.Optional(CreatedBound('Orders created before this instant (exclusive)', '2025-04-01T00:00:00+02:00')),
});

const IfMatch = Type.String({
  // No tighter cap: any header the server admits is judged as a precondition (412 if it names no version), never refused as input.
  maxLength: MAX_HEADER_BYTES,
  description: 'Apply the change only to this version (`"3"`, as the ETag said; `W/"3"` and `*` are understood). Any other value, whatever its length → 412.',
});
const IdempotencyKey = Type.String({
  minLength: 1,
  maxLength: 255,
  // Printable ASCII, like any HTTP token a client would generate (a UUID is typical).
  pattern: '^[\\x20-\\x7E]+$',
  description: 'Retries with the same key and body return the first response and do nothing twice',
});

export const OrderChangeHeaders = Type.Object({ 'if-match': Type.Optional(IfMatch) });
/** Confirm, ship and deliver: If-Match and Idempotency-Key. */
export const ConfirmOrderHeaders = Type.Object({ 'if-match': Type.Optional(IfMatch), 'idempotency-key': Type.Optional(IdempotencyKey) });
export const CreateOrderHeaders = Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) });
