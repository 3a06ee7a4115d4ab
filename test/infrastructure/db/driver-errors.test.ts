import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DependencyUnavailable } from '../../../src/application/shared/dependency-unavailable.error.js';
import { UnstorableInput } from '../../../src/application/shared/unstorable-input.error.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { translateDriverError } from '../../../src/infrastructure/db/driver-errors.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { onlyOn, sqlTargets } from '../../support/databases.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import type { TestDatabase } from '../../support/postgres.js';

/** The database adapter's errors leave its unit of work as the application's types, never as driver errors. */
describe.each(sqlTargets)('driver errors translated by the unit of work on $name', (target) => {
  const only = (name: 'sqlite' | 'postgres') => onlyOn(target, name);
  let created: TestDatabase;
  let database: Database;
  let uow: KyselyUnitOfWork;

  beforeAll(async () => {
    created = await target.create();
    database = openDatabase(created.url);
    await migrateToLatest(database);
    uow = new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator()), database.reader);
  });
  afterAll(async () => {
    await database.close();
    await created.drop();
  });

  it('a domain refusal from a repository passes through unchanged', async () => {
    await uow.run((tx) => tx.products.insert(aProduct().withSku('TAKEN').build()));
    const err = await uow.run((tx) => tx.products.insert(aProduct().withSku('taken').build())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'product.sku_taken' });
  });

  only('postgres')('text PostgreSQL cannot store (NUL) is UnstorableInput, and nothing is written', async () => {
    const product = aProduct().withName('nul \u0000 inside').build();
    const err = await uow.run((tx) => tx.products.insert(product)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnstorableInput);
    expect(await uow.read((tx) => tx.products.findById(product.id))).toBeNull();
  });

  only('postgres')('an unreachable server is DependencyUnavailable, for writes and reads alike', async () => {
    const unreachable = openDatabase('postgres://postgres@127.0.0.1:1/nowhere');
    try {
      const cut = new KyselyUnitOfWork(unreachable.db, sqlRepositories(new UuidV7IdGenerator()), unreachable.reader);
      await expect(cut.run((tx) => tx.products.findById('p-1'))).rejects.toBeInstanceOf(DependencyUnavailable);
      await expect(cut.read((tx) => tx.products.findById('p-1'))).rejects.toBeInstanceOf(DependencyUnavailable);
    } finally {
      await unreachable.close();
    }
  });

  only('sqlite')('a write lock another process keeps past busy_timeout is DependencyUnavailable', async () => {
    const other = new BetterSqlite3(created.url.slice('sqlite:'.length));
    other.exec('begin immediate');
    try {
      const err = await uow.run((tx) => tx.products.insert(aProduct().build())).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DependencyUnavailable);
      expect((err as Error).cause).toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      other.exec('rollback');
      other.close();
    }
  }, 15_000);

  only('sqlite')('a unit of work holds the write lock from BEGIN: no other process commits under it, so its write never meets a stale snapshot', async () => {
    const existing = aProduct().build();
    await uow.run((tx) => tx.products.insert(existing));
    // timeout 0: the other process does not wait for the lock, it reports it.
    const other = new BetterSqlite3(created.url.slice('sqlite:'.length), { timeout: 0 });
    let otherWrite: unknown = null;
    try {
      await uow.run(async (tx) => {
        await tx.products.findById(existing.id);
        try {
          other.exec(`update products set name = 'changed elsewhere' where id = '${existing.id}'`);
        } catch (error) {
          otherWrite = error;
        }
        await tx.products.insert(aProduct().build());
      });
      expect(otherWrite).toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      other.close();
    }
  });

  only('sqlite')('a stale WAL snapshot (SQLITE_BUSY_SNAPSHOT, which two deferred transactions produce) is DependencyUnavailable', async () => {
    const file = created.url.slice('sqlite:'.length);
    const [reader, writer] = [new BetterSqlite3(file), new BetterSqlite3(file)];
    try {
      reader.exec('begin');
      reader.prepare('select count(*) from products').get();
      writer.exec("update products set name = name || '.'");
      const stale = (() => {
        try {
          reader.exec("update products set name = name || '!'");
          return null;
        } catch (error) {
          return error;
        }
      })();
      expect(stale).toMatchObject({ code: 'SQLITE_BUSY_SNAPSHOT' });
      expect(translateDriverError(stale)).toBeInstanceOf(DependencyUnavailable);
    } finally {
      if (reader.inTransaction) reader.exec('rollback');
      reader.close();
      writer.close();
    }
  });

  only('sqlite')('every SQLite busy or locked code is DependencyUnavailable, never an unmapped error', async () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE', 'SQLITE_LOCKED_VTAB']) {
      const driverError = Object.assign(new Error('database is locked'), { code });
      expect(translateDriverError(driverError), code).toBeInstanceOf(DependencyUnavailable);
    }
  });
});
