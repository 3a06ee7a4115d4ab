import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toProductDto } from '../../../src/application/catalog/product.dto.js';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { type Product, STOCK_MAX } from '../../../src/domain/catalog/product.entity.js';
import { Money } from '../../../src/domain/shared/money.value-object.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

const DEFAULT_LISTING = { sort: 'createdAt', q: null, currency: null, minPriceMinor: null, maxPriceMinor: null, inStock: false, status: 'active' } as const;

/**
 * The catalog's read side answers exactly what the write side's DTO mapping gives for the
 * same stored product — on every adapter — so GET /products may skip the aggregate.
 */
describe.each(uowTargets)('ProductViews contract on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ uow, close } = await target.open());
  });
  afterEach(async () => close());

  const insert = (...products: Product[]) =>
    uow.run(async (tx) => {
      for (const p of products) await tx.products.insert(p);
    });
  /** What the aggregate path answers: load through the repository, map with toProductDto. */
  const viaAggregate = async (id: string) => {
    const product = await uow.read((tx) => tx.products.findById(id));
    return product ? toProductDto(product) : null;
  };

  it('gives a product as toProductDto does, in every currency exponent, and null for an unknown id', async () => {
    const products = [
      aProduct().withId('p-kwd').withSku('Lamp-1').withName('Lampe à huile 💡').withPrice('1.005', 'KWD').withStock(7).build(),
      aProduct().withId('p-jpy').withPrice('1500', 'JPY').withStock(0).build(),
      aProduct().withId('p-usd').withPrice('0.10', 'USD').withStock(STOCK_MAX).build(),
    ];
    await insert(...products);
    for (const p of products) {
      const view = await uow.read((tx) => tx.productViews.byId(p.id));
      expect(view).toEqual(toProductDto(p));
      expect(view).toEqual(await viaAggregate(p.id));
    }
    expect(await uow.read((tx) => tx.productViews.byId('p-kwd'))).toMatchObject({ price: { amount: '1.005', currency: 'KWD' } });
    expect(await uow.read((tx) => tx.productViews.byId('missing'))).toBeNull();
  });

  it('pages in creation order, ties by id, after an exclusive position, each item as toProductDto gives it', async () => {
    const products = ['p-3', 'p-1', 'p-5', 'p-2', 'p-4'].map((id, i) => aProduct().withId(id).withPrice(`${i}.50`, 'EUR').build());
    await insert(...products);
    const key = products[0]!.createdAt.toISOString();
    const page = (after: string | null, limit: number) =>
      uow.read(async (tx) => (await tx.productViews.list({ ...DEFAULT_LISTING, after: after === null ? null : { key, id: after }, limit })).rows);
    const dto = (id: string) => toProductDto(products.find((p) => p.id === id) as Product);
    expect(await page(null, 2)).toEqual([dto('p-1'), dto('p-2')]);
    expect(await page('p-2', 2)).toEqual([dto('p-3'), dto('p-4')]);
    expect(await page('p-4', 2)).toEqual([dto('p-5')]);
    expect(await page('p-5', 2)).toEqual([]);
  });

  it('sees a change once it is committed, and a transaction sees its own change', async () => {
    const product = aProduct().withId('p-1').withPrice('5.00', 'USD').withStock(3).build();
    await insert(product);
    await uow.run(async (tx) => {
      const loaded = await tx.products.findById('p-1');
      loaded?.update({ price: Money.parse('6.25', 'USD') }, new Date('2025-04-01T00:00:00.000Z'));
      if (loaded) await tx.products.update(loaded);
      expect((await tx.productViews.byId('p-1'))?.price.amount).toBe('6.25');
    });
    expect(await uow.read((tx) => tx.productViews.byId('p-1'))).toMatchObject({ price: { amount: '6.25', currency: 'USD' }, stock: 3 });
  });
});
