import { Migrator, sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { migrationProvider } from '../../../src/infrastructure/db/migrations/index.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';

const CREATED = '2025-01-01T10:00:00.000Z';
const UPDATED = '2025-01-02T11:00:00.000Z';

/** Migration 0007 on a database holding orders from before it: what their history shows, derived from what was stored. */
describe.each(sqlTargets)('migration 0007 (order lifecycle) backfill on $name', (target) => {
  let created: TestDatabase;
  let database: Database;

  afterEach(async () => {
    await database?.close();
    await created?.drop();
  });

  it('gives every old order a `created` event, and a confirmed one its `confirmed` at its current version', async () => {
    created = await target.create();
    database = openDatabase(created.url);
    const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
    const before = await migrator.migrateTo('0005-token-expiry-indexes');
    expect(before.error).toBeUndefined();

    const db = database.db as unknown as Kysely<unknown>;
    await sql`INSERT INTO users (id, email, email_normalized, password_hash, role, is_active, created_at, updated_at)
      VALUES ('u-1', 'old@example.com', 'old@example.com', 'x', 'customer', ${database.dialect === 'postgres' ? sql`true` : sql`1`}, ${CREATED}, ${CREATED})`.execute(db);
    await sql`INSERT INTO products (id, sku, sku_normalized, name, price_minor, currency, stock, created_at, updated_at)
      VALUES ('p-1', 'OLD-1', 'old-1', 'Old', 100, 'USD', 5, ${CREATED}, ${CREATED})`.execute(db);
    for (const [id, status, version] of [['o-pending', 'pending', 3], ['o-confirmed', 'confirmed', 4], ['o-cancelled', 'cancelled', 2]] as const) {
      await sql`INSERT INTO orders (id, customer_id, status, currency, version, created_at, updated_at)
        VALUES (${id}, 'u-1', ${status}, 'USD', ${version}, ${CREATED}, ${UPDATED})`.execute(db);
    }

    await migrateToLatest(database);
    const uow = new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator()), database.reader);
    const historyOf = (id: string) => uow.read((tx) => tx.orderHistory.listFor(id, { afterVersion: 0, limit: 10 }));
    const actor = { id: 'u-1', role: 'customer' };

    expect(await historyOf('o-pending')).toEqual([
      { orderId: 'o-pending', version: 1, at: new Date(CREATED), actor, change: { type: 'created', items: null } },
    ]);
    expect(await historyOf('o-confirmed')).toEqual([
      { orderId: 'o-confirmed', version: 1, at: new Date(CREATED), actor, change: { type: 'created', items: null } },
      { orderId: 'o-confirmed', version: 4, at: new Date(UPDATED), actor, change: { type: 'confirmed' } },
    ]);
    expect((await historyOf('o-cancelled')).map((e) => e.change.type)).toEqual(['created']);
    // Old orders load with no shipment, and can still go all the way.
    const old = await uow.read((tx) => tx.orders.findById('o-confirmed'));
    expect(old?.shipment).toBeNull();
    expect(old?.allowedActions({ role: 'admin', isOwner: false })).toEqual(['cancel', 'ship']);
  });
});
