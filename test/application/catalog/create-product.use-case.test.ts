import { describe, expect, it } from 'vitest';
import { CreateProduct, type CreateProductInput } from '../../../src/application/catalog/create-product.use-case.js';
import { admin, aHarness, customer, T0 } from '../../support/use-case-harness.js';

const input = (overrides: Partial<CreateProductInput> = {}): CreateProductInput => ({
  actor: admin,
  sku: 'MUG-1',
  name: 'Mug',
  price: { amount: '4.5', currency: 'USD' },
  stock: 10,
  ...overrides,
});

describe('CreateProduct', () => {
  it('lets an admin create a product and returns it with the price normalised', async () => {
    const h = aHarness();
    const product = await new CreateProduct(h.deps).execute(input());
    expect(product).toEqual({
      id: 'id-000001',
      sku: 'MUG-1',
      name: 'Mug',
      description: '',
      status: 'active',
      price: { amount: '4.50', currency: 'USD' },
      stock: 10,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
    expect(await h.stockOf(product.id)).toBe(10);
  });

  it('forbids a customer', async () => {
    const h = aHarness();
    await expect(new CreateProduct(h.deps).execute(input({ actor: customer }))).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(h.uow.store.products.size).toBe(0);
  });

  it('refuses a taken sku, case-insensitively', async () => {
    const h = aHarness();
    const create = new CreateProduct(h.deps);
    await create.execute(input({ sku: 'mug-1' }));
    await expect(create.execute(input({ sku: 'MUG-1' }))).rejects.toMatchObject({ code: 'product.sku_taken' });
    expect(h.uow.store.products.size).toBe(1);
  });

  it.each([
    [{ price: { amount: '4.999', currency: 'USD' } }, '/price/amount'],
    [{ price: { amount: '4', currency: 'XYZ' } }, '/price/currency'],
    [{ sku: 'no spaces' }, '/sku'],
    [{ name: ' ' }, '/name'],
    [{ stock: -1 }, '/stock'],
  ])('refuses %j at %s', async (overrides, path) => {
    const h = aHarness();
    await expect(new CreateProduct(h.deps).execute(input(overrides))).rejects.toMatchObject({
      code: 'validation.invalid',
      issues: [expect.objectContaining({ path })],
    });
  });
});
