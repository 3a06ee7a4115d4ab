import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { PageQuery } from '../schemas/page.schema.js';
import { problemResponses } from '../schemas/problem.schema.js';
import { CreateProductBody, ProductIdParams, ProductPageSchema, ProductSchema, UpdateProductBody } from '../schemas/product.schemas.js';
import { okResponse } from '../schemas/response.schema.js';
import { bearerSecurity } from '../schemas/security.schema.js';

/** The catalog: anyone reads it, admins write it (a customer gets 403 from the use case). */
export const productsRoutes =
  (deps: HttpDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/products',
      {
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
        schema: {
          operationId: 'listProducts',
          summary: 'The catalog, a page at a time (oldest first)',
          description: 'Cursor-paginated in a stable order (creation order): pass `nextCursor` back as `cursor`. Products added while paging appear at the end, never twice. An unknown query parameter → 422 naming it.',
          tags: ['products'],
          security: [],
          querystring: PageQuery,
          response: { 200: okResponse(ProductPageSchema, 'A page of the catalog'), ...problemResponses(422) },
        },
      },
      async (request) => deps.products.list.execute(request.query),
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
        onRequest: deps.requireUser,
        schema: {
          operationId: 'updateProduct',
          summary: 'Change a product’s name, price or stock (admin)',
          description: 'Absent fields stay as they are. `stock` sets the count. Orders keep the price their items were added at.',
          tags: ['products'],
          security: bearerSecurity,
          params: ProductIdParams,
          body: UpdateProductBody,
          response: { 200: okResponse(ProductSchema, 'The changed product'), ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      async (request) => deps.products.update.execute({ actor: actorOf(request), productId: request.params.id, ...request.body }),
    );
  };
