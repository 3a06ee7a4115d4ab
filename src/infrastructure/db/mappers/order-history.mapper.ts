import type { OrderChange, OrderHistoryEvent, OrderHistoryType } from '../../../domain/orders/order-history.js';
import type { Role } from '../../../domain/users/role.js';
import type { OrderHistoryTable } from '../database.schema.js';
import { toDate, toIso } from './row-values.js';

/** The row keeps `type` in its own column and the change's other members as JSON in `data`. */
export const historyToRow = (event: OrderHistoryEvent): OrderHistoryTable => {
  const { type, ...data } = event.change;
  return {
    order_id: event.orderId,
    version: event.version,
    type,
    at: toIso(event.at),
    actor_id: event.actor.id,
    actor_role: event.actor.role,
    data: JSON.stringify(data),
  };
};

export const historyFromRow = (row: OrderHistoryTable): OrderHistoryEvent => ({
  orderId: row.order_id,
  version: Number(row.version),
  at: toDate(row.at),
  actor: { id: row.actor_id, role: row.actor_role as Role },
  // Written by historyToRow (or the 0007 backfill, in the same shape): the type column and data rebuild the change.
  change: { type: row.type as OrderHistoryType, ...(JSON.parse(row.data) as object) } as OrderChange,
});
