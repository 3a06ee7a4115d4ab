// Named components are referenced by $ref, and validation and serialisation still go through
// them: unknown fields are stripped at every depth, a wrong type is refused.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerComponentSchemas } from '../../../src/infrastructure/http/schemas/components.schemas.js';
import { CreateProductBody, ProductSchema } from '../../../src/infrastructure/http/schemas/product.schemas.js';
import { okResponse } from '../../../src/infrastructure/http/schemas/response.schema.js';
import { validatorCompiler } from '../../../src/infrastructure/http/validator-compiler.js';

const buildEcho = async () => {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  registerComponentSchemas(app);
  app.post(
    '/echo',
    { schema: { body: CreateProductBody, response: { 200: okResponse(ProductSchema, 'The product') } } },
    async (request) => ({ id: 'p1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', status: 'active' as const, description: '', extra: 'no', ...request.body, price: { ...request.body.price, secret: 'no' } }),
  );
  app.post('/body', { schema: { body: CreateProductBody } }, async (request) => request.body);
  await app.ready();
  return app;
};

const product = { sku: 'MUG', name: 'Mug', price: { amount: '10.99', currency: 'USD' }, stock: 1 };

describe('component schemas behind $ref', () => {
  it('the response is serialised through Product and Money: unknown fields are stripped at every depth', async () => {
    const app = await buildEcho();
    const res = await app.inject({ method: 'POST', url: '/echo', payload: product });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'p1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', status: 'active', description: '', ...product });
    await app.close();
  });

  it('the request is validated through Money: a number amount is refused, an unknown Money field is dropped', async () => {
    const app = await buildEcho();
    const wrong = await app.inject({ method: 'POST', url: '/body', payload: { ...product, price: { amount: 10.99, currency: 'USD' } } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'FST_ERR_VALIDATION' });
    expect(wrong.json<{ message: string }>().message).toContain('body/price/amount');
    const extra = await app.inject({ method: 'POST', url: '/body', payload: { ...product, price: { ...product.price, id: 'x' } } });
    expect(extra.json()).toEqual(product);
    await app.close();
  });
});
