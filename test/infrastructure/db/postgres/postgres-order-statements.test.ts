import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../../src/infrastructure/db/kysely-unit-of-work.js';
import type { DB } from '../../../../src/infrastructure/db/database.schema.js';
import { migrateToLatest } from '../../../../src/infrastructure/db/migrate.js';
import { seedProducts } from '../../../../src/infrastructure/db/product-seeder.js';
import { SystemClock } from '../../../../src/infrastructure/system/system-clock.js';
import { orderToRow } from '../../../../src/infrastructure/db/mappers/order.mapper.js';
import { saveOrderWithRows } from '../../../../src/infrastructure/db/postgres/postgres-order-statements.js';
import { releaseStockAndRecord, reserveStockAllOrNothing } from '../../../../src/infrastructure/db/postgres/postgres-stock-statements.js';
import { sqlRepositories } from '../../../../src/infrastructure/db/sql-repositories.js';
import type { TransactionContext } from '../../../../src/application/ports/unit-of-work.port.js';
import { recordOrderChange } from '../../../../src/application/orders/order-change.js';
import type { Order } from '../../../../src/domain/orders/order.aggregate.js';
import { UuidV7IdGenerator } from '../../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { anOrder } from '../../../support/mothers/order.mother.js';
import { aProduct } from '../../../support/mothers/product.mother.js';
import { aUser } from '../../../support/mothers/user.mother.js';
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from '../../../support/postgres.js';

/*
 * What the set-based PostgreSQL statements promise on their own, before any rollback: the
 * reservation decrements all products or none (with one ledger row per product decremented), and the order update writes its outbox and
 * history rows only when it found the expected version.
 */
describe.skipIf(!postgresAvailable)('PostgreSQL set-based order statements', () => {
  let created: TestDatabase;
  let database: Database;
  let uow: KyselyUnitOfWork;
  const now = new Date().toISOString();

  beforeEach(async () => {
    created = await createPostgresDatabase();
    database = openDatabase(created.url);
    await migrateToLatest(database);
    uow = new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator()));
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  const stocks = async () =>
    Object.fromEntries((await database.db.selectFrom('products').select(['id', 'stock']).orderBy('id').execute()).map((r) => [r.id, r.stock]));

  const cause = { kind: 'order_confirmed', reason: 'order confirmed', orderId: null, actorId: null, at: now };
  const ledger = async () =>
    (await database.db.selectFrom('stock_movements').select(['id', 'product_id', 'delta', 'stock_after', 'kind']).where('kind', '<>', 'initial').orderBy('id').execute()).map(
      (m) => ({ ...m, delta: Number(m.delta), stock_after: Number(m.stock_after) }),
    );

  it('reserves every product at once with its ledger row, or — one refused — none, answering the refused ids ascending', async () => {
    await uow.run(async (tx) => {
      for (const [id, stock] of [['p-a', 5], ['p-b', 1], ['p-c', 5], ['p-d', 0]] as const) await tx.products.insert(aProduct().withId(id).withStock(stock).build());
    });
    const short = await reserveStockAllOrNothing(database.db, new Map([['p-a', 2], ['p-b', 2], ['p-c', 1], ['p-d', 1]]), ['m-1', 'm-2', 'm-3', 'm-4'], cause);
    expect(short.rows.map((r) => [r.outcome, r.id])).toEqual([['short', 'p-b'], ['short', 'p-d']]);
    expect(await stocks()).toEqual({ 'p-a': 5, 'p-b': 1, 'p-c': 5, 'p-d': 0 });

    const missing = await reserveStockAllOrNothing(database.db, new Map([['p-a', 1], ['p-zz', 1]]), ['m-1', 'm-2'], cause);
    expect(missing.rows.map((r) => [r.outcome, r.id])).toEqual([['missing', 'p-zz']]);
    expect((await stocks())['p-a']).toBe(5);

    await database.db.updateTable('products').set({ status: 'archived' }).where('id', '=', 'p-c').execute();
    const archived = await reserveStockAllOrNothing(database.db, new Map([['p-a', 1], ['p-c', 1]]), ['m-1', 'm-2'], cause);
    expect(archived.rows.map((r) => [r.outcome, r.id])).toEqual([['archived', 'p-c']]);
    await database.db.updateTable('products').set({ status: 'active' }).where('id', '=', 'p-c').execute();
    expect(await ledger()).toEqual([]);

    const enough = await reserveStockAllOrNothing(database.db, new Map([['p-a', 2], ['p-b', 1], ['p-c', 5]]), ['m-1', 'm-2', 'm-3'], cause);
    expect(enough.rows.map((r) => ({ outcome: r.outcome, id: r.id, qty: r.qty, stock: Number(r.stock) }))).toEqual([
      { outcome: 'reserved', id: 'p-a', qty: 2, stock: 3 },
      { outcome: 'reserved', id: 'p-b', qty: 1, stock: 0 },
      { outcome: 'reserved', id: 'p-c', qty: 5, stock: 0 },
    ]);
    expect(await stocks()).toEqual({ 'p-a': 3, 'p-b': 0, 'p-c': 0, 'p-d': 0 });
    expect(await ledger()).toEqual([
      { id: 'm-1', product_id: 'p-a', delta: -2, stock_after: 3, kind: 'order_confirmed' },
      { id: 'm-2', product_id: 'p-b', delta: -1, stock_after: 0, kind: 'order_confirmed' },
      { id: 'm-3', product_id: 'p-c', delta: -5, stock_after: 0, kind: 'order_confirmed' },
    ]);
  });

  it('reserves and releases through the primary key even under the generic plan a prepared statement ends up with', async () => {
    const seeded = await seedProducts(database, { ids: new UuidV7IdGenerator(), clock: new SystemClock() }, { count: 2_000, stock: 50 });
    expect(seeded).toBe(2_000);
    const [a, b] = (await database.db.selectFrom('products').select('id').orderBy('id').limit(2).execute()).map((r) => r.id);
    // This backend's scan counters of `products` (not yet flushed to the cumulative view), around the statement.
    const scansOfProducts = async (statement: (trx: Kysely<DB>) => Promise<unknown>) =>
      database.db.transaction().execute(async (trx) => {
        const counters = async () =>
          (await sql<{ seq_scan: string; idx_scan: string }>`SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'products'`.execute(trx)).rows.map(
            (r) => ({ seq: Number(r.seq_scan), index: Number(r.idx_scan) }),
          )[0] ?? { seq: 0, index: 0 };
        await sql`SET LOCAL plan_cache_mode = force_generic_plan`.execute(trx);
        const before = await counters();
        await statement(trx);
        const after = await counters();
        return { seq: after.seq - before.seq, index: after.index > before.index };
      });
    const totals = new Map([[a!, 2], [b!, 1]]);
    expect(await scansOfProducts((trx) => reserveStockAllOrNothing(trx, totals, ['m-1', 'm-2'], cause))).toEqual({ seq: 0, index: true });
    expect(await scansOfProducts((trx) => releaseStockAndRecord(trx, totals, ['m-3', 'm-4'], { ...cause, kind: 'order_cancelled' }))).toEqual({ seq: 0, index: true });
  });

  it('gives stock back with one ledger row per product in one statement', async () => {
    await uow.run(async (tx) => {
      for (const [id, stock] of [['p-a', 5], ['p-b', 0]] as const) await tx.products.insert(aProduct().withId(id).withStock(stock).build());
    });
    const released = await releaseStockAndRecord(database.db, new Map([['p-a', 2], ['p-b', 3], ['p-zz', 1]]), ['m-1', 'm-2', 'm-3'], { ...cause, kind: 'order_cancelled' });
    expect(released.rows.map((r) => ({ id: r.id, qty: r.qty, stock: Number(r.stock) }))).toEqual([
      { id: 'p-a', qty: 2, stock: 7 },
      { id: 'p-b', qty: 3, stock: 3 },
    ]);
    expect(await ledger()).toEqual([
      { id: 'm-1', product_id: 'p-a', delta: 2, stock_after: 7, kind: 'order_cancelled' },
      { id: 'm-2', product_id: 'p-b', delta: 3, stock_after: 3, kind: 'order_cancelled' },
    ]);
  });

  /** A customer, product p-1 and their pending order o-1 of one item, committed. */
  const anOrderOfOneItem = async () => {
    const customer = aUser().build();
    const product = aProduct().withId('p-1').build();
    const order = anOrder().withId('o-1').ownedBy(customer.id).withItem(product, 1).build();
    await uow.run(async (tx) => {
      await tx.users.insert(customer);
      await tx.products.insert(product);
      await tx.orders.insert(order);
    });
    return { customer, order };
  };

  it('writes the outbox and history rows with the order update only when the version matched', async () => {
    const { customer, order } = await anOrderOfOneItem();
    const event = { id: 'evt-1', type: 'OrderConfirmed', aggregate_id: 'o-1', payload: '{}', occurred_at: now, status: 'pending', attempts: 0, next_attempt_at: now };
    const history = { order_id: 'o-1', version: order.version + 1, type: 'confirmed', at: now, actor_id: customer.id, actor_role: 'customer', data: '{}' };
    const historyRows = () => database.db.selectFrom('order_history').select(['version', 'type']).where('order_id', '=', 'o-1').orderBy('version').execute();

    const stale = await saveOrderWithRows(database.db, { ...orderToRow(order), version: order.version + 5 }, [history], [event]);
    expect(stale.rows).toEqual([{ saved: 0 }]);
    expect(await database.db.selectFrom('outbox').select('id').execute()).toEqual([]);
    expect(await historyRows()).toEqual([]);

    const current = await saveOrderWithRows(database.db, { ...orderToRow(order), total_minor: 1234 }, [history], [event, { ...event, id: 'evt-2' }]);
    expect(current.rows).toEqual([{ saved: 1 }]);
    expect((await database.db.selectFrom('outbox').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['evt-1', 'evt-2']);
    expect(await historyRows()).toEqual([{ version: order.version + 1, type: 'confirmed' }]);
    const saved = await database.db.selectFrom('orders').select(['version', 'total_minor']).executeTakeFirstOrThrow();
    expect({ version: saved.version, total: Number(saved.total_minor) }).toEqual({ version: order.version + 1, total: 1234 });
  });

  it('a save that changes no line is held until COMMIT and goes out with its history and events; a lost race there writes none of them', async () => {
    const { customer } = await anOrderOfOneItem();
    const change = async (tx: TransactionContext, order: Order) => {
      order.confirm(new Date());
      await recordOrderChange(tx, order, { userId: customer.id, role: 'customer' }, 'save');
    };
    // Loaded without the row lock; another transaction moves the version on before the held save goes out.
    await expect(
      uow.run(async (tx) => {
        const order = (await tx.orders.findById('o-1'))!;
        await change(tx, order);
        await database.db.updateTable('orders').set({ version: 7 }).where('id', '=', 'o-1').execute();
      }),
    ).rejects.toMatchObject({ code: 'order.concurrent_update' });
    expect(await database.db.selectFrom('order_history').select('version').where('version', '>', 1).execute()).toEqual([]);
    expect(await database.db.selectFrom('outbox').select('type').where('type', '=', 'OrderConfirmed').execute()).toEqual([]);

    await database.db.updateTable('orders').set({ version: 1 }).where('id', '=', 'o-1').execute();
    await uow.run(async (tx) => change(tx, (await tx.orders.findForUpdate('o-1'))!));
    expect(await database.db.selectFrom('orders').select(['status', 'version']).execute()).toEqual([{ status: 'confirmed', version: 2 }]);
    expect(await database.db.selectFrom('order_history').select('version').where('version', '=', 2).execute()).toEqual([{ version: 2 }]);
    expect(await database.db.selectFrom('outbox').select('type').where('type', '=', 'OrderConfirmed').execute()).toEqual([{ type: 'OrderConfirmed' }]);
  });

  it('a held order insert goes out before the transaction reads orders again', async () => {
    const customer = aUser().build();
    const product = aProduct().withId('p-1').build();
    const seen = await uow.run(async (tx) => {
      await tx.users.insert(customer);
      await tx.products.insert(product);
      await tx.orders.insert(anOrder().withId('o-1').ownedBy(customer.id).withItem(product, 2).build());
      return tx.orders.findById('o-1');
    });
    expect(seen?.items.map((i) => i.quantity)).toEqual([2]);
  });

  it('history and outbox rows no order save carried are written together before COMMIT', async () => {
    const { customer } = await anOrderOfOneItem();
    await uow.run(async (tx) => {
      await tx.orderHistory.append({ orderId: 'o-1', version: 1, at: new Date(now), actor: { id: customer.id, role: 'customer' }, change: { type: 'created', items: [] } });
      await tx.outbox.add([{ type: 'OrderCreated', occurredAt: new Date(now), aggregateId: 'o-1', payload: {} }]);
    });
    expect(await database.db.selectFrom('order_history').select(['order_id', 'version', 'type']).execute()).toEqual([{ order_id: 'o-1', version: 1, type: 'created' }]);
    expect(await database.db.selectFrom('outbox').select(['aggregate_id', 'type']).execute()).toEqual([{ aggregate_id: 'o-1', type: 'OrderCreated' }]);
  });

  it('a transaction that writes history rows but no events wakes no dispatcher; one with events does, after its commit', async () => {
    const woken: number[] = [];
    const outboxRows = async () => Number((await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const signalling = new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator()), database.db, () => void outboxRows().then((n) => woken.push(n)));
    const customer = aUser().build();
    const product = aProduct().withId('p-1').build();
    await signalling.run(async (tx) => {
      await tx.users.insert(customer);
      await tx.products.insert(product);
      await tx.orders.insert(anOrder().withId('o-1').ownedBy(customer.id).withItem(product, 1).build());
      await tx.orderHistory.append({ orderId: 'o-1', version: 1, at: new Date(now), actor: { id: customer.id, role: 'customer' }, change: { type: 'created', items: [] } });
    });
    // A history row pending when the order is saved, no event: the save does not carry it, the flush writes it alone.
    await signalling.run(async (tx) => {
      const order = (await tx.orders.findForUpdate('o-1'))!;
      await tx.orderHistory.append({ orderId: 'o-1', version: 2, at: new Date(now), actor: { id: customer.id, role: 'customer' }, change: { type: 'confirmed' } });
      await tx.orders.save(order);
    });
    expect((await database.db.selectFrom('order_history').select('version').orderBy('version').execute()).map((r) => r.version)).toEqual([1, 2]);
    expect(woken).toEqual([]);
    await signalling.run((tx) => tx.outbox.add([{ type: 'OrderCreated', occurredAt: new Date(now), aggregateId: 'o-1', payload: {} }]));
    // Woken once, and only when another connection already sees the committed row.
    await expect.poll(() => woken, { timeout: 5_000 }).toEqual([1]);
  });

  it('outbox rows no order save carried are written before COMMIT', async () => {
    await uow.run((tx) =>
      tx.outbox.add([{ type: 'UserRegistered', occurredAt: new Date(), aggregateId: 'u-1', payload: { userId: 'u-1', email: 'u@example.com' } }]),
    );
    expect((await database.db.selectFrom('outbox').select(['aggregate_id', 'status']).execute())).toEqual([{ aggregate_id: 'u-1', status: 'pending' }]);
  });
});
