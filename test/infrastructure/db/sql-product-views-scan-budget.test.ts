import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListProducts } from '../../../src/application/catalog/list-products.use-case.js';
import { type Database, openDatabase } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { SqlProductViews } from '../../../src/infrastructure/db/views/sql-product.views.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { sqlTargets } from '../../support/databases.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import type { TestDatabase } from '../../support/postgres.js';

/**
 * A bounded scan (SQLite's read side runs it) answers a rare term with short pages and a
 * cursor instead of reading the whole catalog at once — and still walks every match exactly once.
 */
describe.each(sqlTargets.filter((t) => t.name === 'sqlite'))('SqlProductViews with a scan budget on $name (SQLite only: PostgreSQL has trigram indexes)', (target) => {
  let created: TestDatabase;
  let database: Database;
  let list: ListProducts;
  beforeEach(async () => {
    created = await target.create();
    database = openDatabase(created.url);
    await migrateToLatest(database);
    const repositories = sqlRepositories(new UuidV7IdGenerator());
    const uow = new KyselyUnitOfWork(database.db, (executor, scope) => ({
      ...repositories(executor, scope),
      productViews: new SqlProductViews(executor, { scanBudget: 3 }),
    }));
    const products = Array.from({ length: 20 }, (_, i) =>
      aProduct()
        .withId(`p-${String(i).padStart(2, '0')}`)
        .withName(i % 7 === 3 ? `Rare thing ${i}` : `Common ${i}`)
        .withPrice(['2.00', '1.00', '3.00'][i % 3]!)
        .build(),
    );
    await uow.run(async (tx) => {
      for (const p of products) await tx.products.insert(p);
    });
    list = new ListProducts({ uow });
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  it.each(['createdAt', '-createdAt', 'name', '-name', 'price', '-price'])('sort %s: short pages with a cursor, every match once', async (sort) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let shortPages = 0;
    do {
      const page = await list.execute({ q: 'rare', sort, limit: 2, cursor });
      seen.push(...page.items.map((p) => p.id));
      if (page.items.length < 2 && page.nextCursor !== null) shortPages += 1;
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 50);
    expect(seen.sort()).toEqual(['p-03', 'p-10', 'p-17']);
    expect(shortPages).toBeGreaterThan(0);
  });

  it('an unfiltered page is never cut short', async () => {
    const page = await list.execute({ limit: 10, sort: 'price' });
    expect(page.items).toHaveLength(10);
  });
});
