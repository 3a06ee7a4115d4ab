import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { PageQuery } from '../schemas/page.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';
import {
  CreateProductBody,
  ProductIdParams,
  ProductListQuery,
  ProductPageSchema,
  ProductSchema,
  StockAdjustmentBody,
  StockMovementPageSchema,
  UpdateProductBody,
} from '../schemas/product.schemas.js';
import { okResponse } from '../schemas/response.schema.js';
import { bearerSecurity } from '../schemas/security.schema.js';

/** The catalog: anyone reads it, admins write it (a customer gets 403 from the use case). */
export const productsRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/products',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'createProduct',
          summary: 'Add a product to the catalog (admin)',
          description: 'SKUs are unique case-insensitively. The price keeps its currency exactly; more decimals than the currency has → 422.',
          tags: ['products'],
          security: bearerSecurity,
          body: CreateProductBody,
          response: { 201: okResponse(ProductSchema, 'The new product (Location names it)'), ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const product = await deps.products.create.execute({ actor: actorOf(request), ...request.body });
        return reply.code(201).header('location', `/products/${product.id}`).send(product);
      },
    );

    app.get(
      '/products',
      {
        // The catalog is public; only the admin's `status` filter needs to know who asks.
        config: { adminQuery: ['status'] },
        schema: {
          operationId: 'listProducts',
          summary: 'Browse and search the catalog, a page at a time',
          description:
            'Active products, oldest first by default. `q` matches a substring of the name or SKU, ignoring case and accents (`istanbul` finds "İstanbul", `apfel` finds "Äpfel"); `currency`, `minPrice`/`maxPrice` (inclusive, decimal strings, need `currency`; `minPrice` above `maxPrice` → 422 naming `minPrice`) and `inStock=true` filter; `sort` orders by `createdAt`, `name` or `price` (`-` for descending), ties by id ascending. Everything combines. Keyset-paginated: pass `nextCursor` back as `cursor` with the same sort and filters (a cursor from another listing → 422); rows inserted while paging never cause a duplicate or a gap. Admins may pass `status` (`active`, `archived`, `all`): it needs a token (401) and the admin role (403). An unknown query parameter → 422 naming it.',
          tags: ['products'],
          security: [],
          querystring: ProductListQuery,
          response: { 200: okResponse(ProductPageSchema, 'A page of the catalog'), ...problemResponses(401, 403, 422) },
        },
      },
      // With `status`, the access hook has authenticated the caller as an admin.
      async (request) => deps.products.list.execute({ ...request.query, actor: request.query.status !== undefined ? actorOf(request) : null }),
    );

    app.get(
      '/products/:id',
      {
        schema: {
          operationId: 'getProduct',
          summary: 'A product',
          description: 'Public: no token needed.',
          tags: ['products'],
          security: [],
          params: ProductIdParams,
          response: { 200: okResponse(ProductSchema, 'The product'), ...problemResponses(404, 422) },
        },
      },
      async (request) => deps.products.get.execute({ productId: request.params.id }),
    );

    app.patch(
      '/products/:id',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'updateProduct',
          summary: 'Change a product’s name, description, price or stock (admin)',
          description: 'Absent fields stay as they are. `stock` sets the count and records a `set` stock movement (delta = new − old); prefer `stock-adjustments` for relative changes. Orders keep the price their items were added at.',
          tags: ['products'],
          security: bearerSecurity,
          params: ProductIdParams,
          body: UpdateProductBody,
          response: { 200: okResponse(ProductSchema, 'The changed product'), ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      async (request) => deps.products.update.execute({ actor: actorOf(request), productId: request.params.id, ...request.body }),
    );

    for (const action of ['archive', 'unarchive'] as const) {
      app.post(
        `/products/:id/${action}`,
        {
          config: { access: 'admin' },
          onRequest: deps.requireUser,
          schema: {
            operationId: `${action}Product`,
            summary: action === 'archive' ? 'Take a product off sale (admin)' : 'Put an archived product back on sale (admin)',
            description:
              action === 'archive'
                ? 'Archived products leave the public lists, cannot be added to an order or confirmed in one (409 `product.archived`), and still answer `GET /products/{id}`. Products are never deleted. Idempotent; raises a `ProductArchived` event (webhook `product.archived`).'
                : 'The product is listed and can be ordered again. Idempotent.',
            tags: ['products'],
            security: bearerSecurity,
            params: ProductIdParams,
            response: { 200: okResponse(ProductSchema, 'The product as it is now'), ...problemResponses(401, 403, 404, 422) },
          },
        },
        async (request) => deps.products[action].execute({ actor: actorOf(request), productId: request.params.id }),
      );
    }

    app.post(
      '/products/:id/stock-adjustments',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'adjustProductStock',
          summary: 'Add or remove stock, with a reason (admin)',
          description:
            'A relative change, applied atomically: concurrent confirmations cannot make it take stock below zero (→ 409 `stock.insufficient`, nothing changed). Records an `adjustment` stock movement; a fall to or below LOW_STOCK_THRESHOLD raises `StockLow` (webhook `stock.low`).',
          tags: ['products'],
          security: bearerSecurity,
          params: ProductIdParams,
          body: StockAdjustmentBody,
          response: { 200: okResponse(ProductSchema, 'The product with its new stock'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      async (request) => deps.products.adjustStock.execute({ actor: actorOf(request), productId: request.params.id, ...request.body }),
    );

    app.get(
      '/products/:id/stock-movements',
      {
        config: { access: 'admin' },
        onRequest: deps.requireUser,
        schema: {
          operationId: 'listProductStockMovements',
          summary: "A product's stock ledger, oldest first (admin)",
          description:
            'Every change of the stock — opening stock, adjustments, PATCHes, confirmations, cancellations — one movement each, written in the same transaction as the change: the deltas sum to the current stock.',
          tags: ['products'],
          security: bearerSecurity,
          params: ProductIdParams,
          querystring: PageQuery,
          response: { 200: okResponse(StockMovementPageSchema, 'A page of stock movements'), ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => deps.products.stockMovements.execute({ actor: actorOf(request), productId: request.params.id, ...request.query }),
    );
  };
