import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.value-object.js';
import { Order } from '../../domain/orders/order.aggregate.js';
import type { OrderListQuery, OrderRepository } from '../../domain/orders/order.repository.port.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import type { InMemoryStore } from './in-memory-store.js';

/** An order line as a row of an `order_items` table would hold it (currency lives on the order). */
type OrderItemRecord = {
  id: string;
  productId: string;
  productName: string;
  quantity: number;
  unitPriceMinor: number;
};

/** An order as a row would hold it, with its lines embedded (and its total, as the SQL row stores it for reports). */
export type OrderRecord = {
  id: string;
  customerId: string;
  status: OrderStatus;
  currency: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  totalMinor: number;
  confirmedAt: string | null;
  items: OrderItemRecord[];
};

const toRecord = (order: Order): OrderRecord => ({
  id: order.id,
  customerId: order.customerId,
  status: order.status,
  currency: order.currency,
  version: order.version,
  createdAt: order.createdAt.toISOString(),
  updatedAt: order.updatedAt.toISOString(),
  carrier: order.shipment?.carrier ?? null,
  trackingNumber: order.shipment?.trackingNumber ?? null,
  shippedAt: order.shipment?.shippedAt.toISOString() ?? null,
  deliveredAt: order.shipment?.deliveredAt?.toISOString() ?? null,
  totalMinor: order.total().minor,
  confirmedAt: order.confirmedAt === null ? null : order.confirmedAt.toISOString(),
  items: order.items.map((item) => ({
    id: item.id,
    productId: item.productId,
    productName: item.productName,
    quantity: item.quantity,
    unitPriceMinor: item.unitPrice.minor,
  })),
});

const toOrder = (r: OrderRecord): Order =>
  Order.restore({
    id: r.id,
    customerId: r.customerId,
    status: r.status,
    currency: r.currency,
    version: r.version,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    shipment:
      r.shippedAt === null
        ? null
        : { carrier: r.carrier, trackingNumber: r.trackingNumber, shippedAt: new Date(r.shippedAt), deliveredAt: r.deliveredAt === null ? null : new Date(r.deliveredAt) },
    confirmedAt: r.confirmedAt === null ? null : new Date(r.confirmedAt),
    items: r.items.map((item) => ({
      id: item.id,
      productId: item.productId,
      productName: item.productName,
      quantity: item.quantity,
      unitPrice: Money.of(item.unitPriceMinor, r.currency),
    })),
  });

/** Keeps plain records in `store.orders`; an order is rebuilt on every load. */
export class InMemoryOrderRepository implements OrderRepository {
  constructor(private readonly store: InMemoryStore) {}

  async findById(id: string): Promise<Order | null> {
    const record = this.record(id);
    return record ? toOrder(record) : null;
  }

  /** The in-memory unit of work runs one transaction at a time: nothing to lock. */
  findForUpdate(id: string): Promise<Order | null> {
    return this.findById(id);
  }

  async insert(order: Order): Promise<void> {
    if (this.store.orders.has(order.id)) throw new Error(`duplicate order id ${order.id}`);
    this.store.orders.set(order.id, toRecord(order));
  }

  async save(order: Order): Promise<void> {
    if (this.record(order.id)?.version !== order.version) {
      throw new DomainError('order.concurrent_update', 'the order was changed by someone else meanwhile');
    }
    this.store.orders.set(order.id, { ...toRecord(order), version: order.version + 1 });
    order.markSaved();
  }

  async list(query: OrderListQuery): Promise<Order[]> {
    return ([...this.store.orders.values()] as OrderRecord[])
      .filter(
        (r) =>
          (query.customerId === null || r.customerId === query.customerId) &&
          (query.status === null || r.status === query.status) &&
          (query.createdFrom == null || r.createdAt >= query.createdFrom.toISOString()) &&
          (query.createdTo == null || r.createdAt < query.createdTo.toISOString()) &&
          (query.after === null || r.id > query.after),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, query.limit)
      .filter(withinLineBudget(query.lineBudget))
      .map(toOrder);
  }

  private record(id: string): OrderRecord | undefined {
    return this.store.orders.get(id) as OrderRecord | undefined;
  }
}

/** A filter for a sorted list: keeps an order while the orders before its predecessor hold fewer lines than `budget`. */
const withinLineBudget = (budget: number | undefined) => {
  let beforePrevious = 0;
  let previous = 0;
  return (record: { items: readonly unknown[] }): boolean => {
    if (budget !== undefined && beforePrevious >= budget) return false;
    beforePrevious += previous;
    previous = record.items.length;
    return true;
  };
};
