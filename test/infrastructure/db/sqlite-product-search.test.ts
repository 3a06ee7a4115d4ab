import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListProducts, type ListProductsInput } from '../../../src/application/catalog/list-products.use-case.js';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import type { Actor } from '../../../src/application/shared/actor.js';
import type { Product } from '../../../src/domain/catalog/product.entity.js';
import { type Database, openDatabase } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { SQLITE } from '../../support/databases.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import type { TestDatabase } from '../../support/postgres.js';

const SORTS = ['createdAt', '-createdAt', 'name', '-name', 'price', '-price'] as const;
const admin: Actor = { userId: 'admin-1', role: 'admin' };

/** 20 products: a rare term (3), a common one, prices with many ties, two currencies, some out of stock, one archived. */
const catalog = (): Product[] =>
  Array.from({ length: 20 }, (_, i) =>
    aProduct()
      .withId(`p-${String(i).padStart(2, '0')}`)
      .withSku(`SKU-${i % 4}-${i}`)
      .withName(i % 7 === 3 ? `Rare İstanbul thing ${i}` : `Common ${['mug', 'Äpfel', 'plate'][i % 3]} ${i}`)
      .withPrice(['2.00', '1.00', '3.00'][i % 3]!, i % 5 === 4 ? 'EUR' : 'USD')
      .withStock(i % 4 === 1 ? 0 : 5)
      .createdAt(new Date(Date.UTC(2025, 0, 1, 0, i % 6)))
      .build(),
  );

/**
 * The SQLite read side's listings (literal statements per shape, a bounded scan for filtered
 * pages) with a scan budget of 3: a rare term answers short pages with a cursor instead of
 * reading the whole catalog at once — and every listing still walks exactly the rows, in
 * exactly the order, that the in-memory adapter gives.
 */
describe('SqliteProductSearch (SQLite read connection, scan budget 3)', () => {
  let created: TestDatabase;
  let database: Database;
  let list: ListProducts;
  let reference: ListProducts;

  beforeEach(async () => {
    created = await SQLITE.create();
    database = openDatabase(created.url, { searchScanBudget: 3 });
    await migrateToLatest(database);
    const uow: UnitOfWork = new KyselyUnitOfWork(
      database.db,
      sqlRepositories(new UuidV7IdGenerator(), { productViews: database.productReadModel }),
      database.reader,
    );
    const memory: UnitOfWork = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    for (const target of [uow, memory]) {
      await target.run(async (tx) => {
        for (const p of catalog()) await tx.products.insert(p);
        const archived = (await tx.products.findById('p-07'))!;
        archived.archive(new Date(Date.UTC(2025, 0, 2)));
        await tx.products.update(archived);
      });
    }
    list = new ListProducts({ uow });
    reference = new ListProducts({ uow: memory });
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  const walk = async (use: ListProducts, input: ListProductsInput) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let shortPages = 0;
    do {
      const page = await use.execute({ ...input, cursor });
      seen.push(...page.items.map((p) => p.id));
      if (page.items.length < (input.limit ?? 20) && page.nextCursor !== null) shortPages += 1;
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    return { seen, shortPages };
  };

  it.each(SORTS)('sort %s: a rare term answers short pages with a cursor, and every match once', async (sort) => {
    const { seen, shortPages } = await walk(list, { q: 'RARE', sort, limit: 2 });
    expect([...seen].sort()).toEqual(['p-03', 'p-10', 'p-17']);
    expect(shortPages).toBeGreaterThan(0);
  });

  it('an unfiltered page is never cut short', async () => {
    const page = await list.execute({ limit: 10, sort: 'price' });
    expect(page.items).toHaveLength(10);
  });

  const filters: ListProductsInput[] = [
    {},
    { q: 'istanbul' },
    { q: 'mug' },
    { q: 'apfel' },
    { q: 'sku-1' },
    { currency: 'USD', minPrice: '2', maxPrice: '3' },
    { currency: 'EUR' },
    { inStock: true, q: 'common' },
    { status: 'all', actor: admin, q: 'thing' },
    { status: 'archived', actor: admin },
    { status: 'all', actor: admin },
  ];
  it.each(SORTS.flatMap((sort) => filters.map((f) => [sort, JSON.stringify(f), f] as const)))(
    'sort %s, %s: the same rows in the same order as the in-memory adapter, at page sizes 1, 2 and 7',
    async (sort, _name, filter) => {
      const expected = (await walk(reference, { ...filter, sort, limit: 100 })).seen;
      expect(expected.length).toBeGreaterThan(0);
      for (const limit of [1, 2, 7]) expect((await walk(list, { ...filter, sort, limit })).seen).toEqual(expected);
    },
  );
});
