import { describe, expect, it } from 'vitest';
import { GetProduct } from '../../../src/application/catalog/get-product.use-case.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aHarness } from '../../support/use-case-harness.js';

describe('GetProduct', () => {
  it('returns a product as a DTO', async () => {
    const h = aHarness();
    const product = aProduct().withSku('K-1').withName('Kettle').withPrice('1.250', 'KWD').withStock(4).build();
    await h.seed(product);
    expect(await new GetProduct(h.deps).execute({ productId: product.id })).toEqual({
      id: product.id,
      sku: 'K-1',
      name: 'Kettle',
      description: '',
      status: 'active',
      price: { amount: '1.250', currency: 'KWD' },
      stock: 4,
      createdAt: product.createdAt.toISOString(),
      updatedAt: product.updatedAt.toISOString(),
    });
  });

  it('answers product.not_found with the id in details', async () => {
    const h = aHarness();
    await expect(new GetProduct(h.deps).execute({ productId: 'missing' })).rejects.toMatchObject({
      code: 'product.not_found',
      details: { productId: 'missing' },
    });
  });
});
