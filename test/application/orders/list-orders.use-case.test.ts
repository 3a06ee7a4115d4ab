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
    await expect(list.execute({ actor: customer, status: 'lost' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'status' })],
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

  describe('a page bounded by lines as well as orders', () => {
    /** Orders o-1…o-6 of alice's holding 3, 1, 4, 1, 5 and 2 lines. */
    const bigOrders = async () => {
      const h = aHarness();
      const products = Array.from({ length: 5 }, () => aProduct().build());
      const sizes = [3, 1, 4, 1, 5, 2];
      const orders = sizes.map((size, i) => {
        const order = anOrder().withId(`o-${i + 1}`).ownedBy(customer.userId);
        for (const product of products.slice(0, size)) order.withItem(product);
        return order.build();
      });
      await h.seed(...products, ...orders);
      return { list: new ListOrders({ ...h.deps, maxLinesPerPage: 5 }) };
    };

    it('stops taking orders once the page holds the bound, the order reaching it included', async () => {
      const { list } = await bigOrders();
      const page = await list.execute({ actor: customer, limit: 100 });
      // 3 + 1 = 4 lines, below 5: o-3 is taken and brings the page to 8, so it ends there.
      expect(ids(page)).toEqual(['o-1', 'o-2', 'o-3']);
      expect(page.nextCursor).not.toBeNull();
    });

    it('nextCursor continues right after the page: every order exactly once, in order', async () => {
      const { list } = await bigOrders();
      const seen: string[][] = [];
      let cursor: string | null = null;
      do {
        const page = await list.execute({ actor: customer, limit: 100, cursor });
        seen.push(ids(page));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual([['o-1', 'o-2', 'o-3'], ['o-4', 'o-5'], ['o-6']]);
    });

    it('limit still applies when orders are small', async () => {
      const { list } = await bigOrders();
      const page = await list.execute({ actor: customer, limit: 1 });
      expect(ids(page)).toEqual(['o-1']);
    });
  });
});
