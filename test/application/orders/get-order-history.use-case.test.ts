import { describe, expect, it } from 'vitest';
import { AddOrderItem } from '../../../src/application/orders/add-order-item.use-case.js';
import { CancelOrder } from '../../../src/application/orders/cancel-order.use-case.js';
import { ChangeOrderItem } from '../../../src/application/orders/change-order-item.use-case.js';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import { CreateOrder } from '../../../src/application/orders/create-order.use-case.js';
import { GetOrderHistory, MAX_HISTORY_EVENTS_PER_PAGE } from '../../../src/application/orders/get-order-history.use-case.js';
import { RemoveOrderItem } from '../../../src/application/orders/remove-order-item.use-case.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';

const setup = async () => {
  const h = aHarness();
  const mug = aProduct().withId('p-mug').withStock(1).build();
  const tea = aProduct().withId('p-tea').withStock(100).build();
  await h.seed(mug, tea);
  return {
    h,
    mug,
    tea,
    create: new CreateOrder(h.deps),
    add: new AddOrderItem(h.deps),
    change: new ChangeOrderItem(h.deps),
    remove: new RemoveOrderItem(h.deps),
    confirm: new ConfirmOrder(h.deps),
    cancel: new CancelOrder(h.deps),
    history: new GetOrderHistory(h.deps),
  };
};

describe('GetOrderHistory', () => {
  it('one event per version, oldest first, naming who did what', async () => {
    const { h, create, add, change, remove, confirm, cancel, history } = await setup();
    const order = await create.execute({ actor: customer, items: [{ productId: 'p-tea', quantity: 2 }] });
    const teaLine = order.items[0]!.id;
    h.clock.advance(1000);
    const added = await add.execute({ actor: customer, orderId: order.id, productId: 'p-mug', quantity: 1 });
    const mugLine = added.items[1]!.id;
    await change.execute({ actor: customer, orderId: order.id, itemId: teaLine, quantity: 5 });
    await remove.execute({ actor: customer, orderId: order.id, itemId: mugLine });
    await confirm.execute({ actor: customer, orderId: order.id });
    const last = await cancel.execute({ actor: admin, orderId: order.id });

    const { items, nextCursor } = await history.execute({ actor: customer, orderId: order.id });
    expect(nextCursor).toBeNull();
    expect(items.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(last.version).toBe(6);
    const by = { id: customer.userId, role: 'customer' };
    expect(items.map(({ at: _at, ...rest }) => rest)).toEqual([
      { type: 'created', actor: by, version: 1, items: [{ itemId: teaLine, productId: 'p-tea', quantity: 2 }] },
      { type: 'item_added', actor: by, version: 2, itemId: mugLine, productId: 'p-mug', quantity: 1 },
      { type: 'item_changed', actor: by, version: 3, itemId: teaLine, productId: 'p-tea', quantity: 5 },
      { type: 'item_removed', actor: by, version: 4, itemId: mugLine, productId: 'p-mug', quantity: 1 },
      { type: 'confirmed', actor: by, version: 5 },
      { type: 'cancelled', actor: { id: admin.userId, role: 'admin' }, version: 6 },
    ]);
    expect(items[0]!.at).toBe(order.createdAt);
    expect(items[1]!.at).toBe(added.updatedAt);
  });

  it('an admin reads anyone’s history; another customer gets order.not_found, like a missing order', async () => {
    const { create, history } = await setup();
    const order = await create.execute({ actor: customer });
    expect((await history.execute({ actor: admin, orderId: order.id })).items).toHaveLength(1);
    await expect(history.execute({ actor: otherCustomer, orderId: order.id })).rejects.toMatchObject({ code: 'order.not_found' });
    await expect(history.execute({ actor: admin, orderId: 'missing' })).rejects.toMatchObject({ code: 'order.not_found' });
  });

  it('a refused change (rolled back) leaves no event behind', async () => {
    const { create, confirm, history } = await setup();
    const order = await create.execute({ actor: customer, items: [{ productId: 'p-mug', quantity: 2 }] });
    await expect(confirm.execute({ actor: customer, orderId: order.id })).rejects.toMatchObject({ code: 'stock.insufficient' });
    expect((await history.execute({ actor: customer, orderId: order.id })).items.map((e) => e.type)).toEqual(['created']);
  });

  it('a history longer than one response continues through nextCursor; a forged cursor → 422', async () => {
    const { h, create, change, history } = await setup();
    const order = await create.execute({ actor: customer, items: [{ productId: 'p-tea', quantity: 1 }] });
    const itemId = order.items[0]!.id;
    for (let i = 0; i < MAX_HISTORY_EVENTS_PER_PAGE; i++) {
      await change.execute({ actor: customer, orderId: order.id, itemId, quantity: (i % 9) + 2 });
      h.clock.advance(1);
    }
    const first = await history.execute({ actor: customer, orderId: order.id });
    expect(first.items).toHaveLength(MAX_HISTORY_EVENTS_PER_PAGE);
    expect(first.nextCursor).not.toBeNull();
    const rest = await history.execute({ actor: customer, orderId: order.id, cursor: first.nextCursor });
    expect(rest.items.map((e) => e.version)).toEqual([MAX_HISTORY_EVENTS_PER_PAGE + 1]);
    expect(rest.nextCursor).toBeNull();
    await expect(history.execute({ actor: customer, orderId: order.id, cursor: 'YWJj' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'cursor' })],
    });
  });
});
