import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListProducts, type ListProductsInput } from '../../../src/application/catalog/list-products.use-case.js';
import type { ProductDto } from '../../../src/application/catalog/product.dto.js';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import type { Actor } from '../../../src/application/shared/actor.js';
import type { Product } from '../../../src/domain/catalog/product.entity.js';
import type { StockChangeCause } from '../../../src/domain/catalog/stock-movement.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

const admin: Actor = { userId: 'admin-1', role: 'admin' };
const T = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));
const cause = (kind: StockChangeCause['kind'], orderId: string | null = null): StockChangeCause => ({ kind, reason: kind, orderId, actorId: 'admin-1', at: T(30) });

/** Search, sorts and keyset paging of the catalog, and the stock ledger: one contract on every adapter. */
describe.each(uowTargets)('catalog search and stock ledger contract on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;
  let list: ListProducts;

  beforeEach(async () => {
    ({ uow, close } = await target.open());
    list = new ListProducts({ uow });
  });
  afterEach(async () => close());

  const insert = (...products: Product[]) =>
    uow.run(async (tx) => {
      for (const p of products) await tx.products.insert(p, 'admin-1');
    });
  const archive = (id: string) =>
    uow.run(async (tx) => {
      const p = (await tx.products.findById(id))!;
      p.archive(T(40));
      await tx.products.update(p);
    });
  /** Every page of a listing, following nextCursor; `between` runs after each page (e.g. inserts). */
  const walk = async (input: ListProductsInput, between: (page: number) => Promise<void> = async () => undefined): Promise<ProductDto[]> => {
    const seen: ProductDto[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const result = await list.execute({ ...input, cursor });
      seen.push(...result.items);
      cursor = result.nextCursor;
      await between(++page);
    } while (cursor !== null && page < 100);
    return seen;
  };

  const catalog = () => [
    aProduct().withId('p-01').withSku('MUG-1').withName('Blue Mug').withPrice('10.00').withStock(5).createdAt(T(1)).build(),
    aProduct().withId('p-02').withSku('MUG-2').withName('red mug').withPrice('4.50').withStock(0).createdAt(T(1)).build(),
    aProduct().withId('p-03').withSku('TEA-1').withName('Teapot').withPrice('25.00').withStock(2).createdAt(T(3)).build(),
    aProduct().withId('p-04').withSku('TEA-2').withName('Äpfel-Tee 100%').withPrice('4.50').withStock(9).createdAt(T(2)).build(),
    aProduct().withId('p-05').withSku('JP-1').withName('Yunomi mug').withPrice('1500', 'JPY').withStock(1).createdAt(T(4)).build(),
    aProduct().withId('p-06').withSku('X_1').withName('Blue plate').withPrice('10.00').withStock(3).createdAt(T(0)).build(),
    aProduct().withId('p-07').withSku('OLD-1').withName('Old mug').withPrice('2.00').withStock(8).createdAt(T(5)).build(),
  ];

  it.each([
    ['createdAt', ['p-06', 'p-01', 'p-02', 'p-04', 'p-03', 'p-05']],
    ['-createdAt', ['p-05', 'p-03', 'p-04', 'p-01', 'p-02', 'p-06']],
    ['name', ['p-01', 'p-06', 'p-02', 'p-03', 'p-05', 'p-04']],
    ['-name', ['p-04', 'p-05', 'p-03', 'p-02', 'p-06', 'p-01']],
    ['price', ['p-02', 'p-04', 'p-01', 'p-06', 'p-05', 'p-03']],
    ['-price', ['p-03', 'p-05', 'p-01', 'p-06', 'p-02', 'p-04']],
  ])('sort %s: every active product once, ties by id ascending, at any page size', async (sort, expected) => {
    await insert(...catalog());
    await archive('p-07');
    for (const limit of [1, 2, 4, 100]) expect((await walk({ sort, limit })).map((p) => p.id)).toEqual(expected);
  });

  it.each(['createdAt', '-createdAt', 'name', '-name', 'price', '-price'])(
    'sort %s: products inserted while paging cause no duplicate and no gap',
    async (sort) => {
      await insert(...catalog());
      let added = 0;
      const seen = await walk({ sort, limit: 2 }, async () => {
        // New products land everywhere in the order: before, between and after the cursor.
        const k = ++added;
        await insert(
          aProduct().withId(`q-${k}a`).withName(`A new ${k}`).withPrice('0.01').createdAt(T(0)).build(),
          aProduct().withId(`q-${k}z`).withName(`Z new ${k}`).withPrice('99.00').createdAt(T(59)).build(),
          aProduct().withId(`p-04${k}`).withName('red mug').withPrice('4.50').createdAt(T(1)).build(),
        );
      });
      const ids = seen.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of catalog()) if (p.id !== 'p-07') expect(ids).toContain(p.id);
    },
  );

  it('q: a case-insensitive substring of the name or the sku; LIKE wildcards match themselves', async () => {
    await insert(...catalog());
    const ids = async (input: ListProductsInput) => (await walk({ ...input, limit: 100 })).map((p) => p.id).sort();
    expect(await ids({ q: 'MUG' })).toEqual(['p-01', 'p-02', 'p-05', 'p-07']);
    expect(await ids({ q: 'tea-' })).toEqual(['p-03', 'p-04']);
    expect(await ids({ q: 'äpfel' })).toEqual(['p-04']);
    expect(await ids({ q: '100%' })).toEqual(['p-04']);
    expect(await ids({ q: '%' })).toEqual(['p-04']);
    expect(await ids({ q: 'x_' })).toEqual(['p-06']);
    expect(await ids({ q: '_' })).toEqual(['p-06']);
    expect(await ids({ q: 'nothing' })).toEqual([]);
  });

  it('q ignores case and accents alike on every store: İstanbul, ISTANBUL and istanbul; Äpfel and apfel; Straße and STRASSE', async () => {
    await insert(
      aProduct().withId('f-1').withSku('TR-1').withName('İstanbul çayı').build(),
      aProduct().withId('f-2').withSku('DE-1').withName('Äpfel aus der Straße').build(),
      aProduct().withId('f-3').withSku('FR-1').withName('Crème brûlée').build(),
      aProduct().withId('f-4').withSku('JP-2').withName('ＭＵＧ がっこう').build(),
    );
    const ids = async (q: string) => (await walk({ q, limit: 100 })).map((p) => p.id).sort();
    for (const q of ['istanbul', 'İstanbul', 'ISTANBUL', 'İSTANBUL', 'cayı']) expect(await ids(q)).toEqual(['f-1']);
    for (const q of ['äpfel', 'ÄPFEL', 'apfel', 'strasse', 'STRASSE', 'straße']) expect(await ids(q)).toEqual(['f-2']);
    expect(await ids('creme brulee')).toEqual(['f-3']);
    expect(await ids('mug が')).toEqual(['f-4']);
    // A different letter is not an accent: Japanese か is not が, the Turkish dotless ı is not i.
    expect(await ids('かっこう')).toEqual([]);
    expect(await ids('ıstanbul')).toEqual([]);
  });

  it('currency, price range (inclusive), inStock and status combine with q and sort', async () => {
    await insert(...catalog());
    await archive('p-07');
    const ids = async (input: ListProductsInput) => (await walk({ ...input, limit: 2, actor: admin })).map((p) => p.id);
    expect(await ids({ currency: 'JPY' })).toEqual(['p-05']);
    expect(await ids({ currency: 'USD', minPrice: '4.5', maxPrice: '10', sort: 'price' })).toEqual(['p-02', 'p-04', 'p-01', 'p-06']);
    expect(await ids({ currency: 'USD', minPrice: '4.51', sort: '-price' })).toEqual(['p-03', 'p-01', 'p-06']);
    expect(await ids({ inStock: true, q: 'mug', sort: 'name' })).toEqual(['p-01', 'p-05']);
    expect(await ids({ status: 'archived' })).toEqual(['p-07']);
    expect(await ids({ status: 'all', q: 'mug', sort: 'price', currency: 'USD', maxPrice: '4.50' })).toEqual(['p-07', 'p-02']);
  });

  it('writes one movement per stock change, with the stock after it; the movements sum to the stock', async () => {
    await insert(aProduct().withId('p-1').withSku('L-1').withStock(10).build(), aProduct().withId('p-2').withSku('L-2').withStock(3).build());
    const setStock = (stock: number) =>
      uow.run(async (tx) => {
        const p = (await tx.products.findById('p-1'))!;
        p.update({ stock }, T(31));
        return tx.products.update(p, 'admin-1');
      });
    expect(await setStock(12)).toMatchObject({ productId: 'p-1', stockBefore: 10, stockAfter: 12 });
    expect(await setStock(12)).toBeNull();
    expect(await uow.run((tx) => tx.products.adjustStock('p-1', -5, cause('adjustment')))).toMatchObject({ stockBefore: 12, stockAfter: 7 });
    expect(await uow.run((tx) => tx.products.adjustStock('p-1', -8, cause('adjustment')))).toBe('insufficient');
    expect(await uow.run((tx) => tx.products.adjustStock('p-1', 1_000_000_000, cause('adjustment')))).toBe('too_large');
    expect(await uow.run((tx) => tx.products.adjustStock('ghost', 1, cause('adjustment')))).toBeNull();
    const reserved = await uow.run((tx) =>
      tx.products.reserveStock([{ productId: 'p-2', quantity: 3 }, { productId: 'p-1', quantity: 2 }], cause('order_confirmed', 'o-1')),
    );
    expect(reserved).toEqual({
      short: [],
      archived: [],
      changes: [
        { productId: 'p-1', sku: 'L-1', name: expect.any(String), stockBefore: 7, stockAfter: 5 },
        { productId: 'p-2', sku: 'L-2', name: expect.any(String), stockBefore: 3, stockAfter: 0 },
      ],
    });
    await uow.run((tx) => tx.products.releaseStock([{ productId: 'p-1', quantity: 2 }], cause('order_cancelled', 'o-1')));

    const ledger = await uow.read((tx) => tx.productViews.movements({ productId: 'p-1', after: null, limit: 100 }));
    expect(ledger.map((m) => [m.kind, m.delta, m.stockAfter, m.orderId])).toEqual([
      ['initial', 10, 10, null],
      ['set', 2, 12, null],
      ['adjustment', -5, 7, null],
      ['order_confirmed', -2, 5, 'o-1'],
      ['order_cancelled', 2, 7, 'o-1'],
    ]);
    expect(ledger[0]).toMatchObject({ productId: 'p-1', actorId: 'admin-1', reason: expect.any(String), createdAt: expect.any(String) });
    const stock = (await uow.read((tx) => tx.productViews.byId('p-1')))!.stock;
    expect(ledger.reduce((sum, m) => sum + m.delta, 0)).toBe(stock);
    // Paged oldest first after an exclusive id.
    const rest = await uow.read((tx) => tx.productViews.movements({ productId: 'p-1', after: ledger[2]!.id, limit: 1 }));
    expect(rest.map((m) => m.kind)).toEqual(['order_confirmed']);
  });

  it('refuses to reserve an archived product, naming it apart from the short ones, and changes nothing', async () => {
    await insert(aProduct().withId('p-a').withStock(5).build(), aProduct().withId('p-b').withStock(0).build(), aProduct().withId('p-c').withStock(5).build());
    await archive('p-a');
    class Refused extends Error {
      constructor(readonly result: unknown) {
        super('refused');
      }
    }
    const err = await uow
      .run(async (tx) => {
        const result = await tx.products.reserveStock(
          [{ productId: 'p-a', quantity: 1 }, { productId: 'p-b', quantity: 1 }, { productId: 'p-c', quantity: 1 }],
          cause('order_confirmed', 'o-1'),
        );
        throw new Refused(result);
      })
      .catch((e: unknown) => e);
    expect((err as Refused).result).toMatchObject({ archived: ['p-a'], short: ['p-b'], changes: [] });
    const ledger = await uow.read((tx) => tx.productViews.movements({ productId: 'p-c', after: null, limit: 100 }));
    expect(ledger.map((m) => m.kind)).toEqual(['initial']);
  });
});
