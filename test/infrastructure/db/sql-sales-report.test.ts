import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type LogEvent } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../../src/infrastructure/db/database.schema.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { migrationProvider } from '../../../src/infrastructure/db/migrations/index.js';
import { SqlOrderRepository } from '../../../src/infrastructure/db/repositories/sql-order.repository.js';
import { SqlProductRepository } from '../../../src/infrastructure/db/repositories/sql-product.repository.js';
import { SqlUserRepository } from '../../../src/infrastructure/db/repositories/sql-user.repository.js';
import { SqlSalesViews } from '../../../src/infrastructure/db/views/sql-sales.views.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { onlyOn, sqlTargets } from '../../support/databases.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aUser } from '../../support/mothers/user.mother.js';
import type { TestDatabase } from '../../support/postgres.js';

const MIGRATION = '0008-order-confirmation-time';
const MARCH = { currency: 'USD', from: new Date('2025-03-01T00:00:00.000Z'), to: new Date('2025-04-01T00:00:00.000Z') };

/** What only SQL can show: migration 0008 fills the new columns for existing orders, and the report's statement can use its index. */
describe.each(sqlTargets)('sales report storage on $name', (target) => {
  let created: TestDatabase;
  let database: Database;

  beforeEach(async () => {
    created = await target.create();
    database = openDatabase(created.url);
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  it('migration 0008 backfills totals from the lines, and confirmed_at = updated_at for confirmed orders only', async () => {
    const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
    const names = (await migrator.getMigrations()).map((m) => m.name);
    const { error } = await migrator.migrateTo(names[names.indexOf(MIGRATION) - 1]!);
    expect(error).toBeUndefined();

    const customer = aUser().build();
    await new SqlUserRepository(database.db).insert(customer);
    // Products as the schema before 0008 holds them (today's repository writes columns added later).
    for (const [id, priceMinor] of [['p-mug', 1999], ['p-tea', 10]] as const) {
      await sql`INSERT INTO products (id, sku, sku_normalized, name, price_minor, currency, stock, created_at, updated_at)
        VALUES (${id}, ${id}, ${id}, ${id}, ${priceMinor}, 'USD', 100, '2025-03-01T08:00:00.000Z', '2025-03-01T08:00:00.000Z')`.execute(database.db);
    }
    // Orders as the code before 0008 stored them: no total, no confirmation time.
    const order = (id: string, status: string, updatedAt: string) =>
      sql`INSERT INTO orders (id, customer_id, status, currency, version, created_at, updated_at)
        VALUES (${id}, ${customer.id}, ${status}, 'USD', 2, '2025-03-01T08:00:00.000Z', ${updatedAt})`.execute(database.db);
    const line = (orderId: string, productId: string, quantity: number, priceMinor: number, position: number) =>
      sql`INSERT INTO order_items (id, order_id, product_id, product_name, quantity, unit_price_minor, position)
        VALUES (${`${orderId}-${productId}`}, ${orderId}, ${productId}, 'x', ${quantity}, ${priceMinor}, ${position})`.execute(database.db);
    await order('o-confirmed', 'confirmed', '2025-03-02T10:00:00.000Z');
    await line('o-confirmed', 'p-mug', 2, 1999, 0);
    await line('o-confirmed', 'p-tea', 3, 10, 1);
    await order('o-pending', 'pending', '2025-03-02T11:00:00.000Z');
    await line('o-pending', 'p-mug', 1, 1999, 0);
    await order('o-cancelled', 'cancelled', '2025-03-02T12:00:00.000Z');
    await line('o-cancelled', 'p-tea', 1, 10, 0);
    await order('o-empty', 'pending', '2025-03-02T13:00:00.000Z');

    await migrateToLatest(database);

    const rows = await database.db.selectFrom('orders').select(['id', 'total_minor', 'confirmed_at']).orderBy('id').execute();
    const at = (v: unknown) => (v === null ? null : new Date(v as string | Date).toISOString());
    expect(rows.map((r) => [r.id, Number(r.total_minor), at(r.confirmed_at)])).toEqual([
      ['o-cancelled', 10, null],
      ['o-confirmed', 4028, '2025-03-02T10:00:00.000Z'],
      ['o-empty', 0, null],
      ['o-pending', 1999, null],
    ]);
    expect((await new SqlOrderRepository(database.db).findById('o-confirmed'))?.confirmedAt?.toISOString()).toBe('2025-03-02T10:00:00.000Z');
    expect(await new SqlSalesViews(database.db).dailySales(MARCH)).toEqual([{ day: '2025-03-02', orders: 1, revenueMinor: 4028n }]);
  });

  /** The report's statement exactly as SqlSalesViews sends it, captured from a Kysely that logs. */
  const reportStatement = async (db: Kysely<DB>, statements: CompiledQuery[]) => {
    await new SqlSalesViews(db).dailySales(MARCH);
    expect(statements).toHaveLength(1);
    return statements[0]!;
  };
  const logging = (statements: CompiledQuery[]) => ({ log: (event: LogEvent) => void (event.level === 'query' && statements.push(event.query)) });

  const seedSomeSales = async () => {
    await migrateToLatest(database);
    const customer = aUser().build();
    const mug = aProduct().withPrice('19.99', 'USD').build();
    await new SqlUserRepository(database.db).insert(customer);
    await new SqlProductRepository(database.db, new UuidV7IdGenerator()).insert(mug);
    const orders = new SqlOrderRepository(database.db);
    for (let i = 0; i < 20; i++) await orders.insert(anOrder().ownedBy(customer.id).withItem(mug).at(new Date(Date.UTC(2025, 2, 1 + i))).confirmed().build());
  };

  onlyOn(target, 'sqlite')('on SQLite the report is one range search of the covering index orders_sales_idx', async () => {
    await seedSomeSales();
    const connection = new BetterSqlite3(created.url.slice('sqlite:'.length));
    const statements: CompiledQuery[] = [];
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: connection }), ...logging(statements) });
    try {
      const { sql: text, parameters } = await reportStatement(db, statements);
      const plan = connection.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...(parameters as unknown[])) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH orders USING COVERING INDEX orders_sales_idx \(currency=\? AND confirmed_at>\? AND confirmed_at<\?\)/);
    } finally {
      await db.destroy();
    }
  });

  onlyOn(target, 'postgres')('on PostgreSQL the days are UTC days whatever the session time zone', async () => {
    await migrateToLatest(database);
    const customer = aUser().build();
    const mug = aProduct().withPrice('19.99', 'USD').build();
    await new SqlUserRepository(database.db).insert(customer);
    await new SqlProductRepository(database.db, new UuidV7IdGenerator()).insert(mug);
    const orders = new SqlOrderRepository(database.db);
    for (const iso of ['2025-03-01T23:59:59.999Z', '2025-03-02T00:00:00.000Z', '2025-03-02T13:00:00.000Z']) {
      await orders.insert(anOrder().ownedBy(customer.id).withItem(mug).at(new Date(iso)).confirmed().build());
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: created.pool!({ max: 1 }) }) });
    try {
      // UTC+14: read in local time, every one of these would fall a day later.
      await sql`SET TIME ZONE 'Pacific/Kiritimati'`.execute(db);
      expect(await new SqlSalesViews(db).dailySales(MARCH)).toEqual([
        { day: '2025-03-01', orders: 1, revenueMinor: 1999n },
        { day: '2025-03-02', orders: 2, revenueMinor: 3998n },
      ]);
    } finally {
      await db.destroy();
    }
  });

  onlyOn(target, 'postgres')('on PostgreSQL the report can be answered from orders_sales_idx (partial: implied by the range)', async () => {
    await seedSomeSales();
    const statements: CompiledQuery[] = [];
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: created.pool!({ max: 1 }) }), ...logging(statements) });
    try {
      const { sql: text, parameters } = await reportStatement(db, statements);
      // Twenty rows: the planner would rightly scan the table; forbid that to see the index is usable at all.
      await sql`SET enable_seqscan = off`.execute(db);
      const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${text}`, [...parameters]));
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan using orders_sales_idx/);
    } finally {
      await db.destroy();
    }
  });
});
