import { DomainError } from '../../domain/shared/domain-error.js';
import type { Order } from '../../domain/orders/order.aggregate.js';
import type { OrderRepository } from '../../domain/orders/order.repository.port.js';
import { type Actor, isAdmin } from '../shared/actor.js';

/*
 * Who may touch an order. Another customer's order answers exactly like a missing
 * one, so its existence never leaks; only an admin learns that an order exists.
 */

const notFound = (orderId: string): DomainError =>
  new DomainError('order.not_found', 'no such order', [], { orderId });

/** Whether the order is only read, or loaded to be changed (and so locked where the database can). */
export type LoadMode = 'read' | 'change';

/** Read or cancel: the owner or an admin. */
export const loadVisibleOrder = async (orders: OrderRepository, actor: Actor, orderId: string, mode: LoadMode = 'read'): Promise<Order> => {
  const order = mode === 'change' ? await orders.findForUpdate(orderId) : await orders.findById(orderId);
  if (!order || !(order.isOwnedBy(actor.userId) || isAdmin(actor))) throw notFound(orderId);
  return order;
};

/** Change the contents or confirm: the owner only; an admin who is not the owner is forbidden. */
export const loadOwnedOrder = async (orders: OrderRepository, actor: Actor, orderId: string, mode: LoadMode = 'read'): Promise<Order> => {
  const order = await loadVisibleOrder(orders, actor, orderId, mode);
  if (!order.isOwnedBy(actor.userId)) {
    throw new DomainError('auth.forbidden', "only the order's owner may change or confirm it");
  }
  return order;
};

/** Ship or deliver: admins only (a customer is refused before anything is loaded, so nothing leaks). */
export const loadOrderAsAdmin = async (orders: OrderRepository, actor: Actor, orderId: string, mode: LoadMode = 'read'): Promise<Order> => {
  if (!isAdmin(actor)) throw new DomainError('auth.forbidden', 'only an admin may ship or deliver an order');
  return loadVisibleOrder(orders, actor, orderId, mode);
};

/** `If-Match` precondition: a change meant for another version of the order is refused before any rule runs. */
export const assertExpectedVersion = (order: Order, expectedVersion: number | undefined): void => {
  if (expectedVersion !== undefined && expectedVersion !== order.version) {
    throw new DomainError(
      'order.version_mismatch',
      `the order is at version ${order.version}, not ${expectedVersion}`,
      [],
      { currentVersion: order.version },
    );
  }
};
