import { Type } from 'typebox';
import { QUANTITY_MAX, QUANTITY_MIN } from '../../../domain/orders/quantity.value-object.js';
import { MoneySchema } from './money.schema.js';
import { pageQuery } from './page.schema.js';

// Spelled out so the type checker sees the union (a new status in the domain fails the build here).
const Status = Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('cancelled')], {
  description: 'pending → confirmed → cancelled (or pending → cancelled); cancelled is final',
});

export const OrderItemSchema = Type.Object(
  {
    id: Type.String(),
    productId: Type.String(),
    quantity: Type.Integer(),
    unitPrice: { ...MoneySchema, description: "The product's price when the item was added" },
    lineTotal: MoneySchema,
  },
  { additionalProperties: false },
);

export const OrderSchema = Type.Object(
  {
    id: Type.String(),
    customerId: Type.String(),
    status: Status,
    items: Type.Array(OrderItemSchema),
    total: { ...MoneySchema, description: 'Σ quantity × unitPrice, exact; zero for an empty order' },
    version: Type.Integer({ description: 'Bumped by every change; the ETag is `"<version>"`' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** The order as a change returns it, with its new ETag (documented for OpenAPI; serialised like OrderSchema). */
export const OrderWithEtag = Type.Object(OrderSchema.properties, {
  additionalProperties: false,
  headers: { etag: { type: 'string', description: 'The order version as a strong entity tag, e.g. `"3"`; send it back in If-Match' } },
});

const ProductId = Type.String({ minLength: 1, maxLength: 64 });
const Quantity = Type.Integer({ minimum: QUANTITY_MIN, maximum: QUANTITY_MAX, description: `An integer ${QUANTITY_MIN}–${QUANTITY_MAX}` });

export const OrderLineBody = Type.Object({ productId: ProductId, quantity: Quantity }, { additionalProperties: false });

export const CreateOrderBody = Type.Object(
  {
    items: Type.Optional(
      Type.Array(OrderLineBody, { maxItems: 1000, description: 'Lines to start with; the same product twice adds up into one line' }),
    ),
  },
  { additionalProperties: false },
);

export const ChangeOrderItemBody = Type.Object({ quantity: Quantity }, { additionalProperties: false });

export const OrderIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const OrderItemParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), itemId: Type.String({ minLength: 1, maxLength: 64 }) });

export const ListOrdersQuery = pageQuery({ status: Type.Optional(Status) });

const IfMatch = Type.String({
  maxLength: 256,
  description: 'Apply the change only to this version (`"3"`, as the ETag said; `W/"3"` and `*` are understood). A tag that does not match → 412.',
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
