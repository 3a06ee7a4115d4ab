import { Type } from 'typebox';
import { QUANTITY_MAX, QUANTITY_MIN } from '../../../domain/orders/quantity.value-object.js';
import { component, refTo } from './component.schema.js';
import { MoneySchema } from './money.schema.js';
import { pageOf, pageQuery } from './page.schema.js';
import { Id, Int32, INT32_MAX, MAX_HEADER_BYTES, Timestamp } from './primitives.schema.js';
import { MAX_ORDER_LINES } from '../../../domain/orders/order.aggregate.js';

// Spelled out so the type checker sees the union (a new status in the domain fails the build here).
const Status = Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('cancelled')], {
  description: 'pending → confirmed → cancelled (or pending → cancelled); cancelled is final',
});

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
    version: Int32(1, INT32_MAX, { description: 'Bumped by every change; the ETag is `"<version>"`' }),
    createdAt: Timestamp(),
    updatedAt: Timestamp(),
  },
  { additionalProperties: false, description: 'An order with its items' },
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
export const OrderItemParams = Type.Object({ id: Id(), itemId: Id() });

export const ListOrdersQuery = pageQuery({ status: Type.Optional(Status) });

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
export const ConfirmOrderHeaders = Type.Object({ 'if-match': Type.Optional(IfMatch), 'idempotency-key': Type.Optional(IdempotencyKey) });
export const CreateOrderHeaders = Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) });
