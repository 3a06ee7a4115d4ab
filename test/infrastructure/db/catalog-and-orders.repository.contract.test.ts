import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransactionContext, UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import type { Product } from '../../../src/domain/catalog/product.entity.js';
import type { StockLine } from '../../../src/domain/catalog/stock-line.js';
import type { Order } from '../../../src/domain/orders/order.aggregate.js';
import { Money } from '../../../src/domain/shared/money.value-object.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aUser } from '../../support/mothers/user.mother.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

const T1 = new Date('2025-03-01T00:00:00.000Z');
const T2 = new Date('2025-03-02T00:00:00.000Z');

const CONFIRMED = { kind: 'order_confirmed', reason: 'order confirmed', orderId: null, actorId: null, at: T1 } as const;
const CANCELLED = { kind: 'order_cancelled', reason: 'order cancelled', orderId: null, actorId: null, at: T2 } as const;

/** Thrown to roll a unit of work back, as the confirm use case does on a shortage. */
class Short extends Error {
  constructor(readonly productIds: string[]) {
    super('short');
  }
}

/** One contract, run unchanged against every adapter of ProductRepository and OrderRepository. */
describe.each(uowTargets)('ProductRepository + OrderRepository contract on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ uow, close } = await target.open());
  });
  afterEach(async () => close());

  const insertProducts = (...products: Product[]) =>
    uow.run(async (tx) => {
      for (const p of products) await tx.products.insert(p);
    });
  const stockOf = async (id: string) => (await uow.read((tx) => tx.products.findById(id)))?.stock;
  /** Reserves like the confirm use case: a shortage rolls the whole unit of work back. */
  const reserve = (lines: StockLine[]) =>
    uow.run(async (tx) => {
      const { short } = await tx.products.reserveStock(lines, CONFIRMED);
      if (short.length > 0) throw new Short(short);
    });
  const findOrder = (id: string) => uow.read((tx) => tx.orders.findById(id));
  const save = (order: Order) => uow.run((tx) => tx.orders.save(order));

  /** Customers exist before their orders (a foreign key on SQL), products before their lines. */
  const seedCustomers = async (count: number): Promise<string[]> => {
    const users = Array.from({ length: count }, () => aUser().build());
    await uow.run(async (tx) => {
      for (const u of users) await tx.users.insert(u);
    });
    return users.map((u) => u.id);
  };

  describe('products', () => {
    it('stores a product and finds it by id and by ids, its price exact in its currency', async () => {
      const kwd = aProduct().withId('p-1').withSku('Lamp-1').withName('Lampe à huile').withPrice('1.25', 'KWD').withStock(7).build();
      const jpy = aProduct().withId('p-2').withPrice('1500', 'JPY').withStock(0).build();
      await insertProducts(kwd, jpy);

      const found = await uow.read((tx) => tx.products.findById('p-1'));
      expect(found).toMatchObject({ id: 'p-1', sku: 'Lamp-1', name: 'Lampe à huile', stock: 7 });
      expect(found?.price.equals(Money.parse('1.250', 'KWD'))).toBe(true);
      expect(found?.createdAt.toISOString()).toBe(kwd.createdAt.toISOString());
      expect(await uow.read((tx) => tx.products.findById('missing'))).toBeNull();

      const many = await uow.read((tx) => tx.products.findByIds(['p-2', 'missing', 'p-1', 'p-2']));
      expect(many.map((p) => p.id).sort()).toEqual(['p-1', 'p-2']);
      expect(many.find((p) => p.id === 'p-2')?.price.toString()).toBe('1500 JPY');
      expect(await uow.read((tx) => tx.products.findByIds([]))).toEqual([]);
    });

    it('refuses a second product whose sku differs only in case (product.sku_taken at /sku)', async () => {
      await insertProducts(aProduct().withId('p-1').withSku('Mug-Blue').build());
      const err = await insertProducts(aProduct().withId('p-2').withSku('mug-BLUE').build()).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'product.sku_taken', issues: [expect.objectContaining({ path: '/sku' })] });
      expect(await uow.read((tx) => tx.products.findById('p-2'))).toBeNull();
      expect((await uow.read((tx) => tx.products.findById('p-1')))?.sku).toBe('Mug-Blue');
    });

    it('updates name, price and stock; an unknown product is product.not_found', async () => {
      await insertProducts(aProduct().withId('p-1').withStock(3).build());
      const product = (await uow.read((tx) => tx.products.findById('p-1')))!;
      product.update({ name: 'Renamed', price: Money.parse('0.99', 'EUR'), stock: 12 }, T1);
      await uow.run((tx) => tx.products.update(product));
      const reloaded = await uow.read((tx) => tx.products.findById('p-1'));
      expect(reloaded).toMatchObject({ name: 'Renamed', stock: 12 });
      expect(reloaded?.price.toString()).toBe('0.99 EUR');

      const ghost = aProduct().withId('ghost').build();
      await expect(uow.run((tx) => tx.products.update(ghost))).rejects.toMatchObject({ code: 'product.not_found' });
    });

    it('reserves all or nothing, names every short product in ascending order, never goes negative', async () => {
      await insertProducts(
        aProduct().withId('p-a').withStock(5).build(),
        aProduct().withId('p-b').withStock(1).build(),
        aProduct().withId('p-c').withStock(0).build(),
      );
      const err = await reserve([
        { productId: 'p-a', quantity: 3 },
        { productId: 'p-b', quantity: 2 },
        { productId: 'p-c', quantity: 1 },
      ]).catch((e: unknown) => e);
      expect((err as Short).productIds).toEqual(['p-b', 'p-c']);
      expect([await stockOf('p-a'), await stockOf('p-b'), await stockOf('p-c')]).toEqual([5, 1, 0]);

      await reserve([
        { productId: 'p-a', quantity: 5 },
        { productId: 'p-b', quantity: 1 },
      ]);
      expect([await stockOf('p-a'), await stockOf('p-b')]).toEqual([0, 0]);
      await expect(reserve([{ productId: 'p-a', quantity: 1 }])).rejects.toMatchObject({ productIds: ['p-a'] });
      expect(await stockOf('p-a')).toBe(0);
    });

    it('reserves exactly what is left, adding up lines for one product and taking lines in any order', async () => {
      await insertProducts(aProduct().withId('p-a').withStock(4).build(), aProduct().withId('p-b').withStock(2).build());
      await reserve([
        { productId: 'p-b', quantity: 2 },
        { productId: 'p-a', quantity: 1 },
        { productId: 'p-a', quantity: 3 },
      ]);
      expect([await stockOf('p-a'), await stockOf('p-b')]).toEqual([0, 0]);
    });

    it('releases reserved units back', async () => {
      await insertProducts(aProduct().withId('p-a').withStock(4).build(), aProduct().withId('p-b').withStock(0).build());
      await reserve([{ productId: 'p-a', quantity: 3 }]);
      await uow.run((tx) =>
        tx.products.releaseStock([
          { productId: 'p-a', quantity: 3 },
          { productId: 'p-b', quantity: 2 },
        ], CANCELLED),
      );
      expect([await stockOf('p-a'), await stockOf('p-b')]).toEqual([4, 2]);
    });
  });

  describe('orders', () => {
    const fan = () => aProduct().withId('p-fan').withName('Fan').withPrice('19.99').withStock(10).build();
    const lamp = () => aProduct().withId('p-lamp').withName('Lamp').withPrice('5.50').withStock(10).build();
    const mug = () => aProduct().withId('p-mug').withName('Mug').withPrice('3.00').withStock(10).build();

    it('stores an order with its items and loads it whole, lines in the order they were added', async () => {
      const [customerId] = await seedCustomers(1);
      await insertProducts(fan(), lamp());
      const order = anOrder().withId('o-1').ownedBy(customerId!).withItem(lamp(), 2).withItem(fan(), 1).build();
      await uow.run((tx) => tx.orders.insert(order));

      const loaded = await findOrder('o-1');
      expect(loaded).toMatchObject({ id: 'o-1', customerId, status: 'pending', currency: 'USD', version: 1 });
      expect(loaded?.items.map((i) => [i.id, i.productId, i.productName, i.quantity, i.unitPrice.toDecimalString()])).toEqual([
        ['o-1-item-1', 'p-lamp', 'Lamp', 2, '5.50'],
        ['o-1-item-2', 'p-fan', 'Fan', 1, '19.99'],
      ]);
      expect(loaded?.total().toDecimalString()).toBe('30.99');
      expect(loaded?.createdAt.toISOString()).toBe(order.createdAt.toISOString());
      expect(await findOrder('missing')).toBeNull();
    });

    it('loads an order to change it (findForUpdate) exactly as findById does', async () => {
      const [customerId] = await seedCustomers(1);
      await insertProducts(fan());
      await uow.run((tx) => tx.orders.insert(anOrder().withId('o-lock').ownedBy(customerId!).withItem(fan(), 2).build()));
      const viaLock = await uow.run((tx) => tx.orders.findForUpdate('o-lock'));
      const plain = await findOrder('o-lock');
      expect(viaLock?.items.map((i) => [i.id, i.productId, i.quantity])).toEqual(plain?.items.map((i) => [i.id, i.productId, i.quantity]));
      expect(viaLock?.version).toBe(plain?.version);
      expect(await uow.run((tx) => tx.orders.findForUpdate('missing'))).toBeNull();
    });

    it('stores an empty order with a zero total', async () => {
      const [customerId] = await seedCustomers(1);
      await uow.run((tx) => tx.orders.insert(anOrder().withId('o-1').ownedBy(customerId!).build()));
      const loaded = await findOrder('o-1');
      expect(loaded?.items).toEqual([]);
      expect(loaded?.total().toString()).toBe('0.00 USD');
    });

    it('saves with the next version, and the caller holds the new version', async () => {
      const [customerId] = await seedCustomers(1);
      await insertProducts(fan());
      await uow.run((tx) => tx.orders.insert(anOrder().withId('o-1').ownedBy(customerId!).withItem(fan()).build()));
      const order = (await findOrder('o-1'))!;
      order.confirm(T1);
      await save(order);
      expect(order.version).toBe(2);
      order.cancel(T2);
      await save(order);
      expect(order.version).toBe(3);
      expect(await findOrder('o-1')).toMatchObject({ status: 'cancelled', version: 3, updatedAt: T2 });
    });

    it('stores the confirmation time: null until confirmed (insert and save), then kept through a cancel', async () => {
      const [customerId] = await seedCustomers(1);
      await insertProducts(fan());
      await uow.run((tx) => tx.orders.insert(anOrder().withId('o-new').ownedBy(customerId!).withItem(fan()).build()));
      expect((await findOrder('o-new'))?.confirmedAt).toBeNull();
      await uow.run((tx) => tx.orders.insert(anOrder().withId('o-born').ownedBy(customerId!).withItem(fan()).at(T1).confirmed().build()));
      expect((await findOrder('o-born'))?.confirmedAt).toEqual(T1);

      const order = (await findOrder('o-new'))!;
      order.confirm(new Date('2025-03-01T23:59:59.999Z'));
      await save(order);
      expect((await findOrder('o-new'))?.confirmedAt?.toISOString()).toBe('2025-03-01T23:59:59.999Z');
      const reloaded = (await uow.run((tx) => tx.orders.findForUpdate('o-new')))!;
      reloaded.cancel(T2);
      await save(reloaded);
      expect(await findOrder('o-new')).toMatchObject({ status: 'cancelled', confirmedAt: new Date('2025-03-01T23:59:59.999Z'), updatedAt: T2 });
      const [listed] = await uow.read((tx) => tx.orders.list({ customerId: customerId!, status: 'cancelled', limit: 10, after: null }));
      expect(listed?.confirmedAt?.toISOString()).toBe('2025-03-01T23:59:59.999Z');
    });

    it("refuses a stale copy's save (order.concurrent_update) and keeps the winner's change", async () => {
      const [customerId] = await seedCustomers(1);
      await insertProducts(fan(), lamp());
      await uow.run((tx) => tx.orders.insert(anOrder().withId('o-1').ownedBy(customerId!).withItem(fan()).build()));
      const first = (await findOrder('o-1'))!;
      const stale = (await findOrder('o-1'))!;
      first.confirm(T1);
      await save(first);
      stale.addItem({ itemId: 'late-item', product: lamp(), quantity: 1, now: T1 });
      await expect(save(stale)).rejects.toMatchObject({ code: 'order.concurrent_update' });
      expect(stale.version).toBe(1);
      const stored = await findOrder('o-1');
      expect(stored).toMatchObject({ status: 'confirmed', version: 2 });
      expect(stored?.items.map((i) => i.id)).toEqual(['o-1-item-1']);
    });

    it('persists added, changed and removed items, across several saves of one copy', async () => {
      const [customerId] = await seedCustomers(1);
      await insertProducts(fan(), lamp(), mug());
      await uow.run((tx) =>
        tx.orders.insert(anOrder().withId('o-1').ownedBy(customerId!).withItem(fan(), 1).withItem(lamp(), 2).build()),
      );
      const order = (await findOrder('o-1'))!;
      order.changeItemQuantity('o-1-item-1', 4, T1);
      order.removeItem('o-1-item-2', T1);
      order.addItem({ itemId: 'o-1-item-3', product: mug(), quantity: 3, now: T1 });
      await save(order);
      const lines = async () => (await findOrder('o-1'))?.items.map((i) => [i.id, i.productId, i.quantity]);
      expect(await lines()).toEqual([
        ['o-1-item-1', 'p-fan', 4],
        ['o-1-item-3', 'p-mug', 3],
      ]);

      // The same copy again: a product removed and added back in one save, and a merge into an existing line.
      order.removeItem('o-1-item-1', T2);
      order.addItem({ itemId: 'o-1-item-4', product: fan(), quantity: 2, now: T2 });
      order.addItem({ itemId: 'unused', product: mug(), quantity: 1, now: T2 });
      await save(order);
      expect(await lines()).toEqual([
        ['o-1-item-3', 'p-mug', 4],
        ['o-1-item-4', 'p-fan', 2],
      ]);
      expect((await findOrder('o-1'))?.version).toBe(3);
    });

    it('keeps the currency of an emptied order, so its total is zero in that currency', async () => {
      const [customerId] = await seedCustomers(1);
      const yen = aProduct().withId('p-yen').withPrice('500', 'JPY').build();
      await insertProducts(yen);
      await uow.run((tx) => tx.orders.insert(anOrder().withId('o-1').ownedBy(customerId!).withItem(yen, 2).build()));
      const order = (await findOrder('o-1'))!;
      order.removeItem('o-1-item-1', T1);
      await save(order);
      const stored = await findOrder('o-1');
      expect(stored?.items).toEqual([]);
      expect(stored?.total().toString()).toBe('0 JPY');
    });

    it('rolls an order change back with the rest of its unit of work', async () => {
      const [customerId] = await seedCustomers(1);
      await insertProducts(fan());
      await uow.run((tx) => tx.orders.insert(anOrder().withId('o-1').ownedBy(customerId!).withItem(fan(), 1).build()));
      await expect(
        uow.run(async (tx: TransactionContext) => {
          const order = (await tx.orders.findById('o-1'))!;
          order.changeItemQuantity('o-1-item-1', 9, T1);
          order.confirm(T1);
          await tx.orders.save(order);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await findOrder('o-1')).toMatchObject({ status: 'pending', version: 1, items: [expect.objectContaining({ quantity: 1 })] });
    });

    it('lists full orders by customer and status, keyset on id ascending', async () => {
      const [alice, bob] = await seedCustomers(2);
      await insertProducts(fan(), lamp());
      const orders = [
        anOrder().withId('o-3').ownedBy(alice!).withItem(fan(), 2).confirmed().build(),
        anOrder().withId('o-1').ownedBy(alice!).withItem(lamp(), 1).withItem(fan(), 1).build(),
        anOrder().withId('o-2').ownedBy(bob!).withItem(fan()).build(),
        anOrder().withId('o-5').ownedBy(alice!).cancelled().build(),
        anOrder().withId('o-4').ownedBy(alice!).build(),
      ];
      await uow.run(async (tx) => {
        for (const o of orders) await tx.orders.insert(o);
      });
      const list = (q: { customerId?: string; status?: 'pending' | 'confirmed' | 'cancelled'; after?: string; limit?: number }) =>
        uow.read((tx) =>
          tx.orders.list({ customerId: q.customerId ?? null, status: q.status ?? null, after: q.after ?? null, limit: q.limit ?? 10 }),
        );
      const ids = async (q: Parameters<typeof list>[0]) => (await list(q)).map((o) => o.id);

      expect(await ids({})).toEqual(['o-1', 'o-2', 'o-3', 'o-4', 'o-5']);
      expect(await ids({ customerId: alice! })).toEqual(['o-1', 'o-3', 'o-4', 'o-5']);
      expect(await ids({ customerId: alice!, status: 'pending' })).toEqual(['o-1', 'o-4']);
      expect(await ids({ status: 'confirmed' })).toEqual(['o-3']);
      expect(await ids({ customerId: bob!, status: 'cancelled' })).toEqual([]);
      expect(await ids({ limit: 2 })).toEqual(['o-1', 'o-2']);
      expect(await ids({ after: 'o-2', limit: 2 })).toEqual(['o-3', 'o-4']);
      expect(await ids({ customerId: alice!, after: 'o-3', limit: 1 })).toEqual(['o-4']);

      const [first] = await list({ limit: 1 });
      expect(first?.items.map((i) => [i.productId, i.quantity])).toEqual([
        ['p-lamp', 1],
        ['p-fan', 1],
      ]);
      expect((await list({ status: 'confirmed' }))[0]?.total().toDecimalString()).toBe('39.98');
    });

    it('bounds a list by lines: it ends with the order after the one whose lines reach the budget', async () => {
      const [alice, bob] = await seedCustomers(2);
      const products = Array.from({ length: 5 }, (_v, i) => aProduct().withId(`p-${i}`).withSku(`SKU-${i}`).build());
      await insertProducts(...products);
      const withLines = (id: string, owner: string, count: number) => {
        const order = anOrder().withId(id).ownedBy(owner);
        for (const p of products.slice(0, count)) order.withItem(p);
        return order.build();
      };
      // alice's orders hold 3, 1, 4, 1, 5 lines; bob's order between them must not count for alice.
      const orders = [withLines('o-1', alice!, 3), withLines('o-2', alice!, 1), withLines('o-2b', bob!, 5), withLines('o-3', alice!, 4), withLines('o-4', alice!, 1), withLines('o-5', alice!, 5)];
      await uow.run(async (tx) => {
        for (const o of orders) await tx.orders.insert(o);
      });
      const list = (lineBudget: number | undefined, after: string | null = null, limit = 10) =>
        uow.read((tx) => tx.orders.list({ customerId: alice!, status: null, after, limit, ...(lineBudget === undefined ? {} : { lineBudget }) }));
      const ids = async (budget: number | undefined, after?: string, limit?: number) => (await list(budget, after, limit)).map((o) => o.id);

      // Before o-3 come 3 + 1 = 4 lines, below 5: o-3 is listed and reaches the budget; o-4 follows it and ends the list.
      expect(await ids(5)).toEqual(['o-1', 'o-2', 'o-3', 'o-4']);
      expect(await ids(3)).toEqual(['o-1', 'o-2']);
      expect(await ids(1)).toEqual(['o-1', 'o-2']);
      expect(await ids(100)).toEqual(['o-1', 'o-2', 'o-3', 'o-4', 'o-5']);
      expect(await ids(undefined)).toEqual(['o-1', 'o-2', 'o-3', 'o-4', 'o-5']);
      expect(await ids(5, 'o-2')).toEqual(['o-3', 'o-4', 'o-5']);
      expect(await ids(5, undefined, 2)).toEqual(['o-1', 'o-2']);
      // Listed orders come whole.
      expect((await list(5)).map((o) => o.items.length)).toEqual([3, 1, 4, 1]);
    });
  });
});
