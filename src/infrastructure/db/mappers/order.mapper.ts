import { Order } from '../../../domain/orders/order.aggregate.js';
import type { OrderStatus } from '../../../domain/orders/order-status.js';
import { Money } from '../../../domain/shared/money.value-object.js';
import type { OrderItemsTable, OrdersTable } from '../database.schema.js';
import { toDate, toIso } from './row-values.js';

/** An order row joined with one of its items (item columns null for an order without items). */
export interface OrderJoinRow extends OrdersTable {
  item_id: string | null;
  product_id: string | null;
  product_name: string | null;
  quantity: number | null;
  unit_price_minor: number | null;
  position: number | null;
}

/** The stored lines of one order, as a save diffs against them: quantity and position by item id. */
export interface StoredLine {
  readonly quantity: number;
  readonly position: number;
}

export type StoredLines = ReadonlyMap<string, StoredLine>;

export const orderToRow = (order: Order): OrdersTable => ({
  id: order.id,
  customer_id: order.customerId,
  status: order.status,
  currency: order.currency,
  version: order.version,
  created_at: toIso(order.createdAt),
  updated_at: toIso(order.updatedAt),
  carrier: order.shipment?.carrier ?? null,
  tracking_number: order.shipment?.trackingNumber ?? null,
  shipped_at: order.shipment ? toIso(order.shipment.shippedAt) : null,
  delivered_at: order.shipment?.deliveredAt ? toIso(order.shipment.deliveredAt) : null,
  total_minor: order.total().minor,
  confirmed_at: order.confirmedAt === null ? null : toIso(order.confirmedAt),
});

/** Groups joined rows (ordered by order id, then position) into orders, keeping their order. */
export const ordersFromJoinRows = (rows: readonly OrderJoinRow[]): Order[] => {
  const groups = new Map<string, OrderJoinRow[]>();
  for (const row of rows) {
    const group = groups.get(row.id);
    if (group) group.push(row);
    else groups.set(row.id, [row]);
  }
  return [...groups.values()].map(orderFromGroup);
};

const orderFromGroup = (rows: readonly OrderJoinRow[]): Order => {
  const head = rows[0]!;
  const lines = rows.filter((r) => r.item_id !== null);
  return Order.restore({
    id: head.id,
    customerId: head.customer_id,
    status: head.status as OrderStatus,
    currency: head.currency,
    version: Number(head.version),
    createdAt: toDate(head.created_at),
    updatedAt: toDate(head.updated_at),
    shipment:
      head.shipped_at === null || head.shipped_at === undefined
        ? null
        : {
            carrier: head.carrier ?? null,
            trackingNumber: head.tracking_number ?? null,
            shippedAt: toDate(head.shipped_at),
            deliveredAt: head.delivered_at === null || head.delivered_at === undefined ? null : toDate(head.delivered_at),
          },
    confirmedAt: head.confirmed_at === null ? null : toDate(head.confirmed_at),
    items: lines.map((r) => ({
      id: r.item_id!,
      productId: r.product_id!,
      productName: r.product_name!,
      quantity: Number(r.quantity),
      unitPrice: Money.of(Number(r.unit_price_minor), head.currency),
    })),
  });
};

/** The stored lines of each order in the joined rows, by order id (what a later save diffs against). */
export const storedLinesFromJoinRows = (rows: readonly OrderJoinRow[]): Map<string, StoredLines> => {
  const byOrder = new Map<string, Map<string, StoredLine>>();
  for (const row of rows) {
    let lines = byOrder.get(row.id);
    if (lines === undefined) byOrder.set(row.id, (lines = new Map()));
    if (row.item_id !== null) lines.set(row.item_id, { quantity: Number(row.quantity), position: Number(row.position) });
  }
  return byOrder;
};

/** What a save must write to bring the stored lines from `before` to the order's current lines. */
export interface ItemChanges {
  readonly deletes: string[];
  readonly updates: { id: string; quantity: number }[];
  readonly inserts: OrderItemsTable[];
  /** The stored lines once these changes are written. */
  readonly after: StoredLines;
}

/** New lines go after every stored one, so lines read back in the order they were added. */
export const diffItems = (order: Order, before: StoredLines): ItemChanges => {
  const current = new Set(order.items.map((item) => item.id));
  const deletes = [...before.keys()].filter((id) => !current.has(id));
  let next = Math.max(-1, ...[...before.values()].map((item) => item.position)) + 1;
  const updates: { id: string; quantity: number }[] = [];
  const inserts: OrderItemsTable[] = [];
  const after = new Map<string, StoredLine>();
  for (const item of order.items) {
    const stored = before.get(item.id);
    if (stored === undefined) {
      const position = next++;
      inserts.push({
        id: item.id,
        order_id: order.id,
        product_id: item.productId,
        product_name: item.productName,
        quantity: item.quantity,
        unit_price_minor: item.unitPrice.minor,
        position,
      });
      after.set(item.id, { quantity: item.quantity, position });
    } else {
      if (stored.quantity !== item.quantity) updates.push({ id: item.id, quantity: item.quantity });
      after.set(item.id, { quantity: item.quantity, position: stored.position });
    }
  }
  return { deletes, updates, inserts, after };
};
