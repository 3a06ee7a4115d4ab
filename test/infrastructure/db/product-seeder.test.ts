import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../src/infrastructure/db/database.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { seedProducts } from '../../../src/infrastructure/db/product-seeder.js';
import { SystemClock } from '../../../src/infrastructure/system/system-clock.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { onlyOn, sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';

describe.each(sqlTargets)('the product seeder on $name', (target) => {
  let created: TestDatabase;
  let database: Database;
  beforeEach(async () => {
    created = await target.create();
    database = openDatabase(created.url);
    await migrateToLatest(database);
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  it('writes each new product with its initial movement, and a rerun tops up without doubling either', async () => {
    const deps = { ids: new UuidV7IdGenerator(), clock: new SystemClock() };
    expect(await seedProducts(database, deps, { count: 1_500, stock: 7, batchSize: 400, batchesPerTransaction: 2 })).toBe(1_500);
    expect(await seedProducts(database, deps, { count: 2_000, stock: 7, batchSize: 400 })).toBe(500);
    const counts = await sql<{ products: number | string; movements: number | string; mismatched: number | string }>`
      select (select count(*) from products) as products,
             (select count(*) from stock_movements where kind = 'initial') as movements,
             (select count(*) from products p where p.stock <> (select coalesce(sum(delta), 0) from stock_movements m where m.product_id = p.id)) as mismatched`.execute(database.db);
    expect(counts.rows[0]).toEqual({ products: expect.anything(), movements: expect.anything(), mismatched: expect.anything() });
    const row = counts.rows[0]!;
    expect([Number(row.products), Number(row.movements), Number(row.mismatched)]).toEqual([2_000, 2_000, 0]);
  });

  onlyOn(target, 'postgres')('leaves the planner statistics of the catalog it filled (ANALYZE), not the empty table autovacuum has not seen yet', async () => {
    await seedProducts(database, { ids: new UuidV7IdGenerator(), clock: new SystemClock() }, { count: 1_200, stock: 7 });
    const stats = await sql<{ reltuples: number; analyzed: boolean }>`select c.reltuples, s.last_analyze is not null as analyzed
      from pg_class c join pg_stat_user_tables s on s.relid = c.oid where c.relname = 'products'`.execute(database.db);
    expect(stats.rows[0]).toEqual({ reltuples: 1_200, analyzed: true });
  });
});
