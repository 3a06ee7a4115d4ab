import { Type } from 'typebox';
import { NAME_MAX, SKU_MAX, STOCK_MAX } from '../../../domain/catalog/product.entity.js';
import { component, refTo } from './component.schema.js';
import { MoneySchema } from './money.schema.js';
import { pageOf } from './page.schema.js';
import { Id, Int32, Text, Timestamp } from './primitives.schema.js';

const Money = refTo(MoneySchema);

export const ProductSchema = component('Product', Type.Object(
  {
    id: Id(),
    sku: Type.String({ maxLength: SKU_MAX, pattern: '^[A-Za-z0-9._-]+$' }),
    name: Text(NAME_MAX * 2),
    price: Money,
    stock: Int32(0, STOCK_MAX),
    createdAt: Timestamp(),
  },
  { additionalProperties: false, description: 'A catalog product' },
));

export const ProductPageSchema = component('ProductPage', Object.assign(pageOf(refTo(ProductSchema)), { description: 'A page of the catalog' }));

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

export const CreateProductBody = Type.Object({ sku: Sku, name: Name, price: Money, stock: Stock }, { additionalProperties: false });

/** A partial update: absent fields stay as they are. `stock` sets the count (it does not add to it). */
export const UpdateProductBody = Type.Object(
  { name: Type.Optional(Name), price: Type.Optional(Money), stock: Type.Optional(Stock) },
  { additionalProperties: false },
);

export const ProductIdParams = Type.Object({ id: Id() });
