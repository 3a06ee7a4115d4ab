import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { onlyOn, sqlTargets } from '../../support/databases.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import type { TestDatabase } from '../../support/postgres.js';

/** Settles with 'waited' when `promise` has not settled within `ms` (a read stuck behind a transaction). */
const within = <T>(promise: Promise<T>, ms = 2_000): Promise<T | 'waited'> =>
  Promise.race([promise, new Promise<'waited'>((resolve) => setTimeout(resolve, ms, 'waited'))]);

describe.each(sqlTargets)('reads outside a transaction on $name (Database.reader)', (target) => {
  const sqliteOnly = onlyOn(target, 'sqlite');
  let created: TestDatabase;
  let database: Database;
  let statements = 0;
  let uow: KyselyUnitOfWork;

  beforeAll(async () => {
    created = await target.create();
    database = openDatabase(created.url, { onStatement: () => (statements += 1) });
    await migrateToLatest(database);
    uow = new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator()), database.reader);
  });
  afterAll(async () => {
    await database.close();
    await created.drop();
  });

  it('see committed writes only, and never wait for an open transaction', async () => {
    const product = aProduct().withSku(`READ-${target.name}`).build();
    let seenInside: unknown = 'not read';
    await uow.run(async (tx) => {
      await tx.products.insert(product);
      // Another request's read while this transaction is open: answered now, without the row.
      seenInside = await within(uow.read((r) => r.products.findById(product.id)));
    });
    expect(seenInside).toBeNull();
    expect((await uow.read((r) => r.products.findById(product.id)))?.sku).toBe(product.sku);
  });

  sqliteOnly('the SQLite read connection is read-only: a write through it fails and changes nothing', async () => {
    expect(database.reader).not.toBe(database.db);
    const product = aProduct().withSku('READ-ONLY').build();
    await expect(uow.read((r) => r.products.insert(product))).rejects.toThrow(/readonly/i);
    expect(await uow.read((r) => r.products.findById(product.id))).toBeNull();
  });

  sqliteOnly('a read on it runs once, is counted once, and returns the row', async () => {
    const product = aProduct().withSku('READ-DIRECT').build();
    await uow.run((tx) => tx.products.insert(product));
    const before = statements;
    expect(await database.reader.selectFrom('products').select('sku').where('id', '=', product.id).execute()).toEqual([{ sku: 'READ-DIRECT' }]);
    expect(statements - before).toBe(1);
  });
});
