import type { Order } from '../../domain/orders/order.aggregate.js';
import type { Actor } from '../shared/actor.js';
import type { TransactionContext, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { Seal } from '../shared/idempotency.js';
import { retryOnConflict } from '../shared/retry-on-conflict.js';
import { assertExpectedVersion, type loadOwnedOrder } from './order-access.js';
import { type OrderDto, toOrderDtoFor } from './order.dto.js';

/** What every change to an existing order names. */
export interface OrderChangeInput {
  actor: Actor;
  orderId: string;
  /** From `If-Match`: when given, the change applies only to this version (else `order.version_mismatch`). */
  expectedVersion?: number;
}

type LoadOrder = typeof loadOwnedOrder;

/**
 * The order's new state, its history event (what the aggregate says changed, by `actor`)
 * and its domain events, all through `tx`: they commit together or not at all. Every
 * version written here gets exactly one history event (the store's key enforces it).
 */
export const recordOrderChange = async (tx: TransactionContext, order: Order, actor: Actor, write: 'insert' | 'save'): Promise<void> => {
  const change = order.pullChange();
  if (write === 'insert') await tx.orders.insert(order);
  else await tx.orders.save(order);
  await tx.orderHistory.append({ orderId: order.id, version: order.version, at: order.updatedAt, actor: { id: actor.userId, role: actor.role }, change });
  const events = order.pullEvents();
  // Stryker disable next-line ConditionalExpression,EqualityOperator: adding no events is a no-op in every outbox.
  if (events.length > 0) await tx.outbox.add(events);
};

/**
 * The one shape of every order change, in one transaction: load the order as `actor`,
 * check the precondition, apply `change`, save optimistically, record history and events.
 * A lost optimistic race reruns the whole transaction on fresh state.
 */
export const runOrderChange = (
  uow: UnitOfWork,
  input: OrderChangeInput,
  load: LoadOrder,
  change: (order: Order, tx: TransactionContext) => Promise<void> | void,
  /** Stores the response under an Idempotency-Key in the same transaction (see idempotency.ts). */
  seal?: Seal<OrderDto>,
): Promise<OrderDto> =>
  retryOnConflict(() =>
    uow.run(async (tx) => {
      const order = await load(tx.orders, input.actor, input.orderId, 'change');
      assertExpectedVersion(order, input.expectedVersion);
      await change(order, tx);
      await recordOrderChange(tx, order, input.actor, 'save');
      const dto = toOrderDtoFor(input.actor, order);
      if (seal) await seal(tx, dto);
      return dto;
    }),
  );
