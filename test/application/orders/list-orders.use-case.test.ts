import { describe, expect, it } from 'vitest';
import { ListOrders } from '../../../src/application/orders/list-orders.use-case.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';

const setup = async () => {
  const h = aHarness();
  const product = aProduct().build();
  const mine = [
    anOrder().withId('o-1').ownedBy(customer.userId).withItem(product).build(),
    anOrder().withId('o-3').ownedBy(customer.userId).withItem(product).confirmed().build(),
    anOrder().withId('o-5').ownedBy(customer.userId).withItem(product).cancelled().build(),
  ];
  const theirs = [anOrder().withId('o-2').ownedBy(otherCustomer.userId).withItem(product).build()];
  await h.seed(product, ...mine, ...theirs);
  return { list: new ListOrders(h.deps) };
};

const ids = (page: { items: { id: string }[] }) => page.items.map((o) => o.id);

describe('ListOrders', () => {
  it('lists only the customer’s own orders, with their items', async () => {
    const { list } = await setup();
    const page = await list.execute({ actor: customer });
    expect(ids(page)).toEqual(['o-1', 'o-3', 'o-5']);
    expect(page.items[0]?.items).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
  });

  it('lists everyone’s orders for an admin', async () => {
    const { list } = await setup();
    expect(ids(await list.execute({ actor: admin }))).toEqual(['o-1', 'o-2', 'o-3', 'o-5']);
  });

  it('filters by status', async () => {
    const { list } = await setup();
    expect(ids(await list.execute({ actor: customer, status: 'confirmed' }))).toEqual(['o-3']);
    expect(ids(await list.execute({ actor: admin, status: 'pending' }))).toEqual(['o-1', 'o-2']);
  });

  it('refuses an unknown status at /status', async () => {
    const { list } = await setup();
    await expect(list.execute({ actor: customer, status: 'shipped' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: '/status' })],
    });
  });

  it('pages with a cursor', async () => {
    const { list } = await setup();
    const first = await list.execute({ actor: admin, limit: 3 });
    expect(ids(first)).toEqual(['o-1', 'o-2', 'o-3']);
    const second = await list.execute({ actor: admin, limit: 3, cursor: first.nextCursor });
    expect(ids(second)).toEqual(['o-5']);
    expect(second.nextCursor).toBeNull();
  });
});
