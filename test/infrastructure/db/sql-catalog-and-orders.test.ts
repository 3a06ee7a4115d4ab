import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { Money } from '../../../src/domain/shared/money.value-object.js';
import { openDatabase } from '../../../src/infrastructure/db/database.js';
import type { DB } from '../../../src/infrastructure/db/database.schema.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { SystemClock } from '../../../src/infrastructure/system/system-clock.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { onlyOn, sqlTargets } from '../../support/databases.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aUser } from '../../support/mothers/user.mother.js';
import type { TestDatabase } from '../../support/postgres.js';

/** A Kysely that records every statement it sends (BEGIN and COMMIT included). */
const openRecording = (database: TestDatabase) => {
  const url = database.url;
  const statements: string[] = [];
  const log = (event: LogEvent) => {
    if (event.level === 'query') statements.push(event.query.sql);
  };
  const dialect = url.startsWith('sqlite:')
    ? new SqliteDialect({ database: new BetterSqlite3(url.slice('sqlite:'.length)) })
    : new PostgresDialect({ pool: database.pool!({ max: 4 }) });
  return { db: new Kysely<DB>({ dialect, log }), statements };
};

/** What only the SQL adapters must prove: no lost stock under READ COMMITTED, and a bounded statement count. */
describe.each(sqlTargets)('SQL catalog and order repositories on $name', (target) => {
  let created: TestDatabase;
  let db: Kysely<DB>;
  let statements: string[];
  let uow: UnitOfWork;

  beforeEach(async () => {
    created = await target.create();
    const migrating = openDatabase(created.url);
    await migrateToLatest(migrating);
    await migrating.close();
    ({ db, statements } = openRecording(created));
    uow = new KyselyUnitOfWork(db, sqlRepositories(new UuidV7IdGenerator()));
  });
  afterEach(async () => {
    await db.destroy();
    await created.drop();
  });

  const CONFIRMED = { kind: 'order_confirmed', reason: 'r', orderId: null, actorId: null, at: new Date() } as const;
  const stockOf = async (id: string) => (await uow.read((tx) => tx.products.findById(id)))?.stock;

  it("an admin's edit writes only what the admin changed, never the stock a confirmation took since the load", async () => {
    await uow.run((tx) => tx.products.insert(aProduct().withId('p-1').withStock(10).build()));
    await uow.run(async (tx) => {
      const adminCopy = (await tx.products.findById('p-1'))!;
      // The stored stock moves after this unit of work loaded its copy (on PostgreSQL another
      // transaction can do this under READ COMMITTED, see below).
      await tx.products.reserveStock([{ productId: 'p-1', quantity: 3 }], CONFIRMED);
      adminCopy.update({ name: 'Renamed', price: Money.parse('12.00', 'USD') }, new Date());
      await tx.products.update(adminCopy);
    });
    expect(await uow.read((tx) => tx.products.findById('p-1'))).toMatchObject({ name: 'Renamed', stock: 7 });

    // A stock the admin does set is written as given, also on a second update of the same copy.
    await uow.run(async (tx) => {
      const adminCopy = (await tx.products.findById('p-1'))!;
      adminCopy.update({ name: 'Renamed again' }, new Date());
      await tx.products.update(adminCopy);
      adminCopy.update({ stock: 20 }, new Date());
      await tx.products.update(adminCopy);
    });
    expect(await uow.read((tx) => tx.products.findById('p-1'))).toMatchObject({ name: 'Renamed again', stock: 20 });
  });

  it('loaded aggregates carry no persistence state: what a save diffs against lives in the repository', async () => {
    const customer = aUser().build();
    const product = aProduct().withId('p-1').build();
    await uow.run(async (tx) => {
      await tx.users.insert(customer);
      await tx.products.insert(product);
      await tx.orders.insert(anOrder().withId('o-1').ownedBy(customer.id).withItem(product, 1).build());
    });
    await uow.run(async (tx) => {
      const loaded = [(await tx.products.findById('p-1'))!, (await tx.orders.findById('o-1'))!];
      for (const aggregate of loaded) expect(Object.getOwnPropertySymbols(aggregate)).toEqual([]);
    });
  });

  onlyOn(target, 'postgres')(
    'under READ COMMITTED, a decrement committed between the admin’s load and write survives',
    async () => {
      await uow.run((tx) => tx.products.insert(aProduct().withId('p-1').withStock(10).build()));
      await uow.run(async (tx) => {
        const product = (await tx.products.findById('p-1'))!;
        // Another connection confirms and commits while this transaction is open.
        await uow.run((other) => other.products.reserveStock([{ productId: 'p-1', quantity: 4 }], CONFIRMED));
        product.update({ name: 'Renamed' }, new Date());
        await tx.products.update(product);
      });
      expect(await stockOf('p-1')).toBe(6);
    },
  );

  it.each([1, 3, 10])('confirming an order of %i item(s) costs at most n + 8 statements, ledger and history rows included, and rewrites no item', async (n) => {
    const customer = aUser().build();
    const products = Array.from({ length: n }, (_, i) => aProduct().withId(`p-${i}`).withStock(5).build());
    const builder = anOrder().withId('o-1').ownedBy(customer.id);
    for (const p of products) builder.withItem(p, 2);
    await uow.run(async (tx) => {
      await tx.users.insert(customer);
      for (const p of products) await tx.products.insert(p);
      await tx.orders.insert(builder.build());
    });

    statements.length = 0;
    const confirmed = await new ConfirmOrder({ uow, clock: new SystemClock() }).execute({
      actor: { userId: customer.id, role: 'customer' },
      orderId: 'o-1',
    });
    console.log(`[${target.name}] confirm with ${n} item(s): ${statements.length} statements`);

    expect(confirmed).toMatchObject({ status: 'confirmed', version: 2 });
    // BEGIN, the order with its items (one join), n conditional decrements, the stock ledger's rows (one
    // multi-row INSERT), the versioned update, the history row, the outbox row, COMMIT; on PostgreSQL one
    // more: the order row's lock, taken before the load. (PostgreSQL writes the ledger rows in the
    // decrements' statement, and the versioned update with the history row and the outbox row in
    // one statement: 5 whatever n.)
    expect(statements.length).toBeLessThanOrEqual(n + (target.name === 'postgres' ? 8 : 7));
    if (target.name === 'postgres') expect(statements.length).toBe(5);
    expect(statements.filter((s) => /insert into order_history/i.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /insert into "?stock_movements"?/i.test(s))).toHaveLength(1);
    const ledger = await db.selectFrom('stock_movements').select(['product_id', 'delta', 'kind', 'order_id']).where('kind', '=', 'order_confirmed').execute();
    expect(ledger).toHaveLength(n);
    expect(ledger.every((m) => Number(m.delta) === -2 && m.order_id === 'o-1')).toBe(true);
    expect(statements.filter((s) => /order_items/.test(s) && !/^select/i.test(s))).toEqual([]);
    expect(await stockOf('p-0')).toBe(3);
  });

  it('loads a page of orders with their items in one statement', async () => {
    const customer = aUser().build();
    const product = aProduct().withId('p-1').build();
    await uow.run(async (tx) => {
      await tx.users.insert(customer);
      await tx.products.insert(product);
      for (let i = 0; i < 5; i++) await tx.orders.insert(anOrder().withId(`o-${i}`).ownedBy(customer.id).withItem(product, i + 1).build());
    });
    statements.length = 0;
    const page = await uow.read((tx) => tx.orders.list({ customerId: customer.id, status: null, limit: 10, after: null }));
    expect(page.map((o) => o.items[0]?.quantity)).toEqual([1, 2, 3, 4, 5]);
    expect(statements).toHaveLength(1);
  });
});
