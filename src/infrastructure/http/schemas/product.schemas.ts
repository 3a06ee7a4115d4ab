import { Type } from 'typebox';
import { PRODUCT_CURSOR_MAX } from '../../../application/catalog/product-cursor.js';
import { PRODUCT_SORTS, PRODUCT_STATUS_FILTERS, type ProductSort, type ProductStatusFilter } from '../../../application/ports/product-views.port.js';
import { DESCRIPTION_MAX, NAME_MAX, REASON_MAX, SKU_MAX, STOCK_MAX } from '../../../domain/catalog/product.entity.js';
import { component, refTo } from './component.schema.js';
import { MoneySchema } from './money.schema.js';
import { pageOf, pageQuery } from './page.schema.js';
import { Id, Int32, Text, Timestamp } from './primitives.schema.js';

const Money = refTo(MoneySchema);

/** Free text with line breaks: only NUL is refused (the domain counts the length in code points). */
const Description = (options: { description?: string; examples?: string[] } = {}) =>
  Type.String({ maxLength: DESCRIPTION_MAX * 2, pattern: '^[^\\u0000]*$', ...options });

export const ProductSchema = component('Product', Type.Object(
  {
    id: Id(),
    sku: Type.String({ maxLength: SKU_MAX, pattern: '^[A-Za-z0-9._-]+$' }),
    name: Text(NAME_MAX * 2),
    description: Description({ description: `0–${DESCRIPTION_MAX} characters; "" when none` }),
    status: Type.Union([Type.Literal('active'), Type.Literal('archived')], {
      description: '`archived`: off sale — out of public lists, cannot be ordered; still answers by id',
    }),
    price: Money,
    stock: Int32(0, STOCK_MAX),
    createdAt: Timestamp(),
    updatedAt: Timestamp(),
  },
  { additionalProperties: false, description: 'A catalog product' },
));

/** A catalog page: its cursors hold the sort key (a name can be long), so they may be longer than other lists'. */
export const ProductPageSchema = component(
  'ProductPage',
  Object.assign(
    Type.Object(
      {
        items: Type.Array(refTo(ProductSchema), { maxItems: 100 }),
        nextCursor: Type.Union([Type.String({ maxLength: PRODUCT_CURSOR_MAX, pattern: '^[A-Za-z0-9_=-]+$' }), Type.Null()], {
          description: 'Pass as `cursor` (with the same sort and filters) for the next page; null when there is none',
        }),
      },
      { additionalProperties: false },
    ),
    { description: 'A page of the catalog' },
  ),
);

export const StockMovementSchema = component('StockMovement', Type.Object(
  {
    id: Id(),
    productId: Id(),
    delta: Type.Integer({ format: 'int32', minimum: -STOCK_MAX, maximum: STOCK_MAX, description: 'Units added (positive) or taken (negative)' }),
    stockAfter: Int32(0, STOCK_MAX, { description: 'The stock right after this movement' }),
    reason: Text(REASON_MAX * 2, { description: 'The admin’s reason for an adjustment; a fixed text for the other kinds' }),
    kind: Type.Union([Type.Literal('initial'), Type.Literal('adjustment'), Type.Literal('set'), Type.Literal('order_confirmed'), Type.Literal('order_cancelled')], {
      description: '`initial` (opening stock at creation), `adjustment`, `set` (PATCH of stock), `order_confirmed`, `order_cancelled`',
    }),
    orderId: Type.Union([Id(), Type.Null()], { description: 'The order, for order_confirmed and order_cancelled' }),
    actorId: Type.Union([Id(), Type.Null()], { description: 'Who made the change; null for changes recorded by a migration' }),
    createdAt: Timestamp(),
  },
  { additionalProperties: false, description: "One entry of a product's stock ledger; a product's movements sum to its stock" },
));

export const StockMovementPageSchema = component(
  'StockMovementPage',
  Object.assign(pageOf(refTo(StockMovementSchema)), { description: "A page of a product's stock ledger, oldest first" }),
);

// Shape and bounds only: the domain trims and decides (one rule, one place).
const Sku = Type.String({
  minLength: 1,
  maxLength: SKU_MAX * 2,
  description: `1–${SKU_MAX} letters, digits, ".", "_" or "-"; unique case-insensitively`,
  examples: ['MUG-BLUE'],
});
// The domain counts code points; UTF-16 units are at most twice as many.
const Name = Text(NAME_MAX * 2, { minLength: 1, description: `1–${NAME_MAX} characters`, examples: ['Blue mug'] });
const Stock = Int32(0, STOCK_MAX, { description: 'Units available to order', examples: [25] });
const DescriptionIn = Description({ description: `0–${DESCRIPTION_MAX} characters (default "")`, examples: ['A 350 ml stoneware mug, dishwasher safe.'] });

export const CreateProductBody = Type.Object(
  { sku: Sku, name: Name, description: Type.Optional(DescriptionIn), price: Money, stock: Stock },
  { additionalProperties: false },
);

/** A partial update: absent fields stay as they are. `stock` sets the count (it does not add to it). */
export const UpdateProductBody = Type.Object(
  { name: Type.Optional(Name), description: Type.Optional(DescriptionIn), price: Type.Optional(Money), stock: Type.Optional(Stock) },
  { additionalProperties: false },
);

export const StockAdjustmentBody = Type.Object(
  {
    delta: Type.Integer({
      format: 'int32',
      minimum: -STOCK_MAX,
      maximum: STOCK_MAX,
      description: 'Units to add (positive) or take away (negative); not 0. Stock never goes below 0 (→ 409 `stock.insufficient`).',
      examples: [24, -2],
    }),
    reason: Text(REASON_MAX * 2, { minLength: 1, description: `Why, 1–${REASON_MAX} characters`, examples: ['Delivery from supplier', 'Two broken in the warehouse'] }),
  },
  { additionalProperties: false },
);

const Decimal = (description: string, example: string) =>
  Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9]+(\\.[0-9]+)?$', description, examples: [example] });

/** `GET /products`: search, price range, stock, sort and (admins) status; any other parameter → 422. */
export const ProductListQuery = Type.Object(
  {
    ...pageQuery({
      q: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 200,
          pattern: '^[^\\u0000-\\u001F\\u007F]*$',
          description:
            'A substring of the name or the SKU, ignoring case and accents: `istanbul` finds "İstanbul", `apfel` finds "Äpfel", `strasse` finds "Straße", `ｍｕｇ` finds "mug"',
          examples: ['mug'],
        }),
      ),
      minPrice: Type.Optional(Decimal('Lowest price, inclusive, as a decimal string in `currency` (required with it); above `maxPrice` → 422', '5.00')),
      maxPrice: Type.Optional(Decimal('Highest price, inclusive, as a decimal string in `currency` (required with it)', '19.99')),
      currency: Type.Optional(
        Type.String({ pattern: '^[A-Z]+$', minLength: 3, maxLength: 3, description: 'Only products priced in this ISO 4217 currency', examples: ['USD'] }),
      ),
      inStock: Type.Optional(Type.Boolean({ description: '`true`: only products with stock > 0', examples: [true] })),
      sort: Type.Optional(
        // One enum (not a union of literals) so a bad value is one error naming `sort`.
        Type.Unsafe<ProductSort>(Type.String({
          enum: [...PRODUCT_SORTS],
          description: 'Sort key, `-` for descending; ties by id ascending. `name` ignores case; `price` compares amounts in minor units (pass `currency` to compare like with like).',
          default: 'createdAt',
          examples: ['price'],
        })),
      ),
      status: Type.Optional(
        Type.Unsafe<ProductStatusFilter>(Type.String({
          enum: [...PRODUCT_STATUS_FILTERS],
          description: 'Admins only (a customer → 403, no token → 401): `active` (the default for everyone), `archived` or `all`',
          examples: ['archived'],
        })),
      ),
    }).properties,
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: PRODUCT_CURSOR_MAX,
        pattern: '^[A-Za-z0-9_=-]+$',
        description: "The previous page's `nextCursor`, with the same sort and filters (another sort or filter → 422)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const ProductIdParams = Type.Object({ id: Id() });
