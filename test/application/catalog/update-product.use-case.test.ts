import { describe, expect, it } from 'vitest';
import { UpdateProduct } from '../../../src/application/catalog/update-product.use-case.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer } from '../../support/use-case-harness.js';

describe('UpdateProduct', () => {
  it('changes only the given fields', async () => {
    const h = aHarness();
    const product = aProduct().withName('Mug').withPrice('4.50').withStock(3).build();
    await h.seed(product);

    const updated = await new UpdateProduct(h.deps).execute({
      actor: admin,
      productId: product.id,
      price: { amount: '5', currency: 'EUR' },
    });

    expect(updated).toMatchObject({ name: 'Mug', price: { amount: '5.00', currency: 'EUR' }, stock: 3 });
    expect(await h.stockOf(product.id)).toBe(3);
  });

  it('sets stock', async () => {
    const h = aHarness();
    const product = aProduct().withStock(3).build();
    await h.seed(product);
    await new UpdateProduct(h.deps).execute({ actor: admin, productId: product.id, stock: 0 });
    expect(await h.stockOf(product.id)).toBe(0);
  });

  it('forbids a customer', async () => {
    const h = aHarness();
    const product = aProduct().build();
    await h.seed(product);
    await expect(
      new UpdateProduct(h.deps).execute({ actor: customer, productId: product.id, name: 'Hacked' }),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
  });

  it('answers product.not_found for an unknown id', async () => {
    const h = aHarness();
    await expect(
      new UpdateProduct(h.deps).execute({ actor: admin, productId: 'missing', name: 'X' }),
    ).rejects.toMatchObject({ code: 'product.not_found' });
  });

  it('refuses invalid fields and stores nothing', async () => {
    const h = aHarness();
    const product = aProduct().withName('Kept').build();
    await h.seed(product);
    await expect(
      new UpdateProduct(h.deps).execute({ actor: admin, productId: product.id, name: 'New', stock: 1.5 }),
    ).rejects.toMatchObject({ code: 'validation.invalid', issues: [expect.objectContaining({ path: '/stock' })] });
    expect(h.uow.store.products.get(product.id)).toMatchObject({ name: 'Kept' });
  });
});
