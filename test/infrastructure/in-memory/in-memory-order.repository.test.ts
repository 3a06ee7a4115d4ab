import { describe, expect, it } from 'vitest';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryOrderRepository } from '../../../src/infrastructure/in-memory/in-memory-order.repository.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';

const T1 = new Date('2025-02-02T00:00:00.000Z');

const setup = () => {
  const store = emptyStore();
  return { store, repo: new InMemoryOrderRepository(store) };
};

describe('InMemoryOrderRepository', () => {
  it('round-trips an order with its lines through a plain record', async () => {
    const { store, repo } = setup();
    const order = anOrder().withId('o-1').withItem(aProduct().withName('Fan').withPrice('500', 'JPY').build(), 3).build();
    await repo.insert(order);

    expect(JSON.parse(JSON.stringify(store.orders.get('o-1')))).toEqual(store.orders.get('o-1'));
    const loaded = await repo.findById('o-1');
    expect(loaded).toMatchObject({ id: 'o-1', customerId: order.customerId, status: 'pending', currency: 'JPY', version: 1 });
    expect(loaded?.items[0]).toMatchObject({ productName: 'Fan', quantity: 3 });
    expect(loaded?.total().toDecimalString()).toBe('1500');
  });

  it('saves with the next version and hands the caller the new version', async () => {
    const { repo } = setup();
    await repo.insert(anOrder().withId('o-1').build());
    const order = (await repo.findById('o-1'))!;
    order.cancel(T1);
    await repo.save(order);
    expect(order.version).toBe(2);
    expect(await repo.findById('o-1')).toMatchObject({ status: 'cancelled', version: 2 });
  });

  it('refuses a save from a stale copy (optimistic concurrency)', async () => {
    const { repo } = setup();
    await repo.insert(anOrder().withId('o-1').withItem(aProduct().build()).build());
    const first = (await repo.findById('o-1'))!;
    const second = (await repo.findById('o-1'))!;
    first.confirm(T1);
    await repo.save(first);
    second.cancel(T1);
    await expect(repo.save(second)).rejects.toMatchObject({ code: 'order.concurrent_update' });
    expect(second.version).toBe(1);
    expect((await repo.findById('o-1'))?.status).toBe('confirmed');
  });

  it('lists by customer and status, keyset on id', async () => {
    const { repo } = setup();
    const product = aProduct().build();
    for (const order of [
      anOrder().withId('o-3').ownedBy('a').withItem(product).confirmed().build(),
      anOrder().withId('o-1').ownedBy('a').build(),
      anOrder().withId('o-2').ownedBy('b').build(),
      anOrder().withId('o-4').ownedBy('a').build(),
    ]) {
      await repo.insert(order);
    }
    const ids = async (q: Partial<Parameters<typeof repo.list>[0]>) =>
      (await repo.list({ customerId: null, status: null, limit: 10, after: null, ...q })).map((o) => o.id);

    expect(await ids({})).toEqual(['o-1', 'o-2', 'o-3', 'o-4']);
    expect(await ids({ customerId: 'a' })).toEqual(['o-1', 'o-3', 'o-4']);
    expect(await ids({ customerId: 'a', status: 'pending' })).toEqual(['o-1', 'o-4']);
    expect(await ids({ after: 'o-2', limit: 1 })).toEqual(['o-3']);
  });
});
