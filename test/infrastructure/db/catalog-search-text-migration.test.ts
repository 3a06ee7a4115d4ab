import { Migrator, sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ListProducts } from '../../../src/application/catalog/list-products.use-case.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { migrationProvider } from '../../../src/infrastructure/db/migrations/index.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';

const AT = '2025-01-01T10:00:00.000Z';

/** Migration 0011 on a catalog from before it: every product gets its folded search text, ASCII or not. */
describe.each(sqlTargets)('migration 0011 (catalog search text) backfill on $name', (target) => {
  let created: TestDatabase;
  let database: Database;

  afterEach(async () => {
    await database?.close();
    await created?.drop();
  });

  it('folds old names and SKUs as the application does, and search finds them', async () => {
    created = await target.create();
    database = openDatabase(created.url);
    const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
    expect((await migrator.migrateTo('0010-outbox-notify')).error).toBeUndefined();

    const db = database.db as unknown as Kysely<unknown>;
    // 1,201 rows: more than one batch of non-ASCII names.
    const names = [['p-ascii', 'Blue MUG', 'MUG-1'], ['p-tr', 'İstanbul Çay', 'TR-1'], ['p-de', 'Äpfel aus der Straße', 'DE-1']];
    for (let i = 0; i < 1_198; i++) names.push([`p-${String(i).padStart(4, '0')}`, `Café ${i}`, `C-${i}`]);
    for (const [id, name, sku] of names) {
      await sql`INSERT INTO products (id, sku, sku_normalized, name, name_lower, price_minor, currency, stock, created_at, updated_at)
        VALUES (${id}, ${sku}, ${sku!.toLowerCase()}, ${name}, ${name!.toLowerCase()}, 100, 'USD', 5, ${AT}, ${AT})`.execute(db);
    }

    await migrateToLatest(database);
    const texts = await sql<{ id: string; search_text: string }>`SELECT id, search_text FROM products WHERE id IN ('p-ascii', 'p-tr', 'p-de', 'p-1197')`.execute(db);
    expect(Object.fromEntries(texts.rows.map((r) => [r.id, r.search_text]))).toEqual({
      'p-ascii': 'blue mug\u001fmug-1',
      'p-tr': 'istanbul cay\u001ftr-1',
      'p-de': 'apfel aus der strasse\u001fde-1',
      'p-1197': 'cafe 1197\u001fc-1197',
    });
    const uow = new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator(), { productViews: database.productReadModel }), database.reader);
    const list = new ListProducts({ uow });
    const found = async (q: string) => (await list.execute({ q, limit: 100 })).items.map((p) => p.id);
    expect(await found('ISTANBUL')).toEqual(['p-tr']);
    expect(await found('äpfel')).toEqual(['p-de']);
    expect(await found('mug-')).toEqual(['p-ascii']);
    expect(await found('cafe 119')).toHaveLength(9);
  });
});
