import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { preparedQuery } from '../../../src/infrastructure/db/prepared-query.js';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';

const row = (sku: string, stock: number) => ({
  id: `id-${sku}`,
  sku,
  sku_normalized: sku.toLowerCase(),
  name: `Product ${sku}`,
  price_minor: 100,
  currency: 'USD',
  stock,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
});

// The same statement every time, with values supplied per call; `quantity` is used twice, 'USD' is the builder's own.
const takeStock = preparedQuery((db, id: string, quantity: number) =>
  db
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '-', quantity) }))
    .where('id', '=', id)
    .where('currency', '=', 'USD')
    .where('stock', '>=', quantity),
);
const byId = preparedQuery((db, id: string) => db.selectFrom('products').select(['sku', 'stock']).where('id', '=', id));

describe.each(sqlTargets)('preparedQuery on $name', (target) => {
  let created: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    created = await target.create();
    database = openDatabase(created.url);
    await migrateToLatest(database);
    await database.db.insertInto('products').values([row('A', 5), row('B', 1)]).execute();
  });
  afterAll(async () => {
    await database.close();
    await created.drop();
  });

  it('binds each call’s values where the compiler put them, keeping the builder’s constants', async () => {
    expect((await takeStock(database.db, 'id-A', 2)).numAffectedRows).toBe(1n);
    expect((await takeStock(database.db, 'id-B', 2)).numAffectedRows).toBe(0n); // 1 in stock: the guard uses the same value
    expect((await byId(database.db, 'id-A')).rows).toEqual([{ sku: 'A', stock: 3 }]);
    expect((await byId(database.db, 'id-B')).rows).toEqual([{ sku: 'B', stock: 1 }]);
    expect((await byId(database.db, 'nope')).rows).toEqual([]);
  });

  it('runs inside a transaction, and a rollback undoes it', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        expect((await takeStock(trx, 'id-A', 3)).numAffectedRows).toBe(1n);
        expect((await byId(trx, 'id-A')).rows[0]?.stock).toBe(0);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await byId(database.db, 'id-A')).rows[0]?.stock).toBe(3);
  });

  it('refuses an argument that does not become a bound parameter', async () => {
    const shapeChanging = preparedQuery((db, column: string) => db.selectFrom('products').select(column as 'sku'));
    await expect(shapeChanging(database.db, 'sku')).rejects.toThrow(/argument 0 is not a bound parameter/);
  });
});
