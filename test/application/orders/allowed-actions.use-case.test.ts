import { describe, expect, it } from 'vitest';
import { AddOrderItem } from '../../../src/application/orders/add-order-item.use-case.js';
import { CancelOrder } from '../../../src/application/orders/cancel-order.use-case.js';
import { ChangeOrderItem } from '../../../src/application/orders/change-order-item.use-case.js';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import { CreateOrder } from '../../../src/application/orders/create-order.use-case.js';
import { DeliverOrder } from '../../../src/application/orders/deliver-order.use-case.js';
import { GetOrder } from '../../../src/application/orders/get-order.use-case.js';
import { ListOrders } from '../../../src/application/orders/list-orders.use-case.js';
import type { OrderDto } from '../../../src/application/orders/order.dto.js';
import { RemoveOrderItem } from '../../../src/application/orders/remove-order-item.use-case.js';
import { ShipOrder } from '../../../src/application/orders/ship-order.use-case.js';
import type { Actor } from '../../../src/application/shared/actor.js';
import { ORDER_ACTIONS, type OrderAction } from '../../../src/domain/orders/order-actions.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';

/*
 * allowedActions must agree with what the use cases permit: for every status × caller, each
 * action is tried through its use case on a fresh copy of the order, and it must succeed
 * exactly when the order, as that caller sees it, lists it.
 */

const STATES = ['pending', 'pending-empty', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const;
type State = (typeof STATES)[number];

const adminOwner: Actor = { userId: 'admin-2', role: 'admin' };
const CALLERS: { name: string; owner: Actor; caller: Actor }[] = [
  { name: 'the customer who owns it', owner: customer, caller: customer },
  { name: 'another customer', owner: customer, caller: otherCustomer },
  { name: 'an admin', owner: customer, caller: admin },
  { name: 'an admin who owns it', owner: adminOwner, caller: adminOwner },
];

const scenario = async (state: State, owner: Actor) => {
  const h = aHarness();
  const mug = aProduct().withStock(100).build();
  const tea = aProduct().withStock(100).build();
  await h.seed(mug, tea);
  const uc = {
    create: new CreateOrder(h.deps),
    get: new GetOrder(h.deps),
    list: new ListOrders(h.deps),
    addItem: new AddOrderItem(h.deps),
    changeItem: new ChangeOrderItem(h.deps),
    removeItem: new RemoveOrderItem(h.deps),
    confirm: new ConfirmOrder(h.deps),
    cancel: new CancelOrder(h.deps),
    ship: new ShipOrder(h.deps),
    deliver: new DeliverOrder(h.deps),
  };
  let order = await uc.create.execute({ actor: owner, items: state === 'pending-empty' ? [] : [{ productId: mug.id, quantity: 2 }] });
  const orderId = order.id;
  if (['confirmed', 'shipped', 'delivered'].includes(state)) order = await uc.confirm.execute({ actor: owner, orderId });
  if (['shipped', 'delivered'].includes(state)) order = await uc.ship.execute({ actor: admin, orderId, carrier: 'DHL' });
  if (state === 'delivered') order = await uc.deliver.execute({ actor: admin, orderId });
  if (state === 'cancelled') order = await uc.cancel.execute({ actor: owner, orderId });
  expect(order.status).toBe(state === 'pending-empty' ? 'pending' : state);
  const itemId = order.items[0]?.id ?? 'no-such-item';
  const attempt = (action: OrderAction, actor: Actor): Promise<OrderDto> => {
    const change = { actor, orderId };
    switch (action) {
      case 'addItem':
        return uc.addItem.execute({ ...change, productId: tea.id, quantity: 1 });
      case 'changeItem':
        return uc.changeItem.execute({ ...change, itemId, quantity: 5 });
      case 'removeItem':
        return uc.removeItem.execute({ ...change, itemId });
      case 'confirm':
        return uc.confirm.execute(change);
      case 'cancel':
        return uc.cancel.execute(change);
      case 'ship':
        return uc.ship.execute({ ...change, trackingNumber: 'TN-1' });
      case 'deliver':
        return uc.deliver.execute(change);
    }
  };
  return { uc, orderId, attempt };
};

/** What the caller is told they may do: from GetOrder, or nothing at all when the order is invisible to them (404). */
const advertised = async (uc: Awaited<ReturnType<typeof scenario>>['uc'], actor: Actor, orderId: string): Promise<OrderAction[]> => {
  try {
    return (await uc.get.execute({ actor, orderId })).allowedActions;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'order.not_found') return [];
    throw error;
  }
};

describe('allowedActions agrees with what the use cases permit', () => {
  for (const state of STATES) {
    for (const { name, owner, caller } of CALLERS) {
      it(`${state} order, seen by ${name}`, async () => {
        const { uc, orderId } = await scenario(state, owner);
        const allowed = await advertised(uc, caller, orderId);
        for (const action of ORDER_ACTIONS) {
          // A fresh copy of the order for every attempt: one action's success must not change the next one's answer.
          const fresh = await scenario(state, owner);
          const outcome = await fresh.attempt(action, caller).then(
            () => 'succeeds',
            (error: unknown) => {
              if (!(error instanceof DomainError)) throw error;
              return 'refused';
            },
          );
          expect(`${action} ${outcome}`).toBe(`${action} ${allowed.includes(action) ? 'succeeds' : 'refused'}`);
        }
      });
    }
  }

  it('every order a list returns, and every change returns, carries allowedActions for its caller', async () => {
    const { uc, orderId } = await scenario('confirmed', customer);
    expect((await uc.list.execute({ actor: admin })).items.map((o) => o.allowedActions)).toEqual([['cancel', 'ship']]);
    expect((await uc.list.execute({ actor: customer })).items.map((o) => o.allowedActions)).toEqual([['cancel']]);
    expect((await uc.ship.execute({ actor: admin, orderId })).allowedActions).toEqual(['deliver']);
    expect((await uc.deliver.execute({ actor: admin, orderId })).allowedActions).toEqual([]);
  });
});
