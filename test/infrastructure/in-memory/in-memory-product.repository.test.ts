import { describe, expect, it } from 'vitest';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryProductRepository } from '../../../src/infrastructure/in-memory/in-memory-product.repository.js';
import { aProduct } from '../../support/mothers/product.mother.js';

const setup = async (...stocks: [id: string, stock: number][]) => {
  const store = emptyStore();
  const repo = new InMemoryProductRepository(store);
  for (const [id, stock] of stocks) await repo.insert(aProduct().withId(id).withStock(stock).build());
  const stockOf = async (id: string) => (await repo.findById(id))?.stock;
  return { store, repo, stockOf };
};

const CONFIRMED = { kind: 'order_confirmed', reason: 'r', orderId: null, actorId: null, at: new Date() } as const;

describe('InMemoryProductRepository', () => {
  it('stores plain JSON-like records and rebuilds an equal product', async () => {
    const { store, repo } = await setup();
    const product = aProduct().withId('p-1').withSku('Mug-1').withPrice('1.250', 'KWD').withStock(4).build();
    await repo.insert(product);
    expect(store.products.get('p-1')).toEqual({
      id: 'p-1',
      sku: 'Mug-1',
      name: product.name,
      description: '',
      status: 'active',
      priceMinor: 1250,
      currency: 'KWD',
      stock: 4,
      createdAt: product.createdAt.toISOString(),
      updatedAt: product.updatedAt.toISOString(),
    });
    expect(store.stockMovements).toEqual([expect.objectContaining({ productId: 'p-1', delta: 4, stockAfter: 4, kind: 'initial' })]);
    const loaded = await repo.findById('p-1');
    expect(loaded).toMatchObject({ id: 'p-1', sku: 'Mug-1', stock: 4, createdAt: product.createdAt });
    expect(loaded?.price.equals(product.price)).toBe(true);
    expect(loaded).not.toBe(product);
  });

  it('refuses a taken sku case-insensitively', async () => {
    const { repo } = await setup();
    await repo.insert(aProduct().withSku('abc').build());
    await expect(repo.insert(aProduct().withSku('ABC').build())).rejects.toMatchObject({ code: 'product.sku_taken' });
  });

  it('finds several by id, ignoring unknown and repeated ids', async () => {
    const { repo } = await setup(['p-1', 1], ['p-2', 1]);
    const found = await repo.findByIds(['p-2', 'ghost', 'p-2', 'p-1']);
    expect(found.map((p) => p.id).sort()).toEqual(['p-1', 'p-2']);
  });

  it('updates an existing product and refuses an unknown one', async () => {
    const { repo, stockOf } = await setup(['p-1', 1]);
    const product = (await repo.findById('p-1'))!;
    product.update({ stock: 9 }, new Date());
    await repo.update(product);
    expect(await stockOf('p-1')).toBe(9);
    await expect(repo.update(aProduct().withId('ghost').build())).rejects.toMatchObject({ code: 'product.not_found' });
  });

  describe('reserveStock', () => {
    it('decrements every line when all are available, down to zero', async () => {
      const { repo, stockOf } = await setup(['p-a', 2], ['p-b', 5]);
      expect(await repo.reserveStock([{ productId: 'p-b', quantity: 1 }, { productId: 'p-a', quantity: 2 }], CONFIRMED)).toMatchObject({ short: [] });
      expect(await stockOf('p-a')).toBe(0);
      expect(await stockOf('p-b')).toBe(4);
    });

    it('is all or nothing: one short line leaves every stock untouched', async () => {
      const { repo, stockOf } = await setup(['p-a', 5], ['p-b', 1], ['p-c', 0]);
      const short = await repo.reserveStock([
        { productId: 'p-c', quantity: 1 },
        { productId: 'p-a', quantity: 2 },
        { productId: 'p-b', quantity: 2 },
      ], CONFIRMED);
      expect(short.short).toEqual(['p-b', 'p-c']);
      expect([await stockOf('p-a'), await stockOf('p-b'), await stockOf('p-c')]).toEqual([5, 1, 0]);
    });

    it('counts an unknown product as short', async () => {
      const { repo } = await setup(['p-a', 5]);
      expect(await repo.reserveStock([{ productId: 'ghost', quantity: 1 }], CONFIRMED)).toMatchObject({ short: ['ghost'] });
    });

    it('sums repeated lines for one product', async () => {
      const { repo, stockOf } = await setup(['p-a', 3]);
      expect(await repo.reserveStock([{ productId: 'p-a', quantity: 2 }, { productId: 'p-a', quantity: 2 }], CONFIRMED)).toMatchObject({ short: ['p-a'] });
      expect(await stockOf('p-a')).toBe(3);
    });
  });

  it('releases stock back', async () => {
    const { repo, stockOf } = await setup(['p-a', 1]);
    await repo.releaseStock([{ productId: 'p-a', quantity: 4 }], CONFIRMED);
    expect(await stockOf('p-a')).toBe(5);
  });
});
