import type { OrderChange, OrderHistoryEvent } from '../../domain/orders/order-history.js';
import type { OrderHistoryRepository } from '../../domain/orders/order-history.repository.port.js';
import type { Role } from '../../domain/users/role.js';
import type { InMemoryStore } from './in-memory-store.js';

/** A history event as a row would hold it (timestamps as text, the change as plain data). */
type OrderHistoryRecord = {
  orderId: string;
  version: number;
  at: string;
  actorId: string;
  actorRole: Role;
  change: OrderChange;
};

/** Keeps plain records in `store.orderHistory`; a second event for one version fails like the SQL primary key. */
export class InMemoryOrderHistoryRepository implements OrderHistoryRepository {
  constructor(private readonly store: InMemoryStore) {}

  async append(event: OrderHistoryEvent): Promise<void> {
    const key = `${event.orderId}/${event.version}`;
    if (this.store.orderHistory.has(key)) throw new Error(`order ${event.orderId} already has an event for version ${event.version}`);
    const record: OrderHistoryRecord = {
      orderId: event.orderId,
      version: event.version,
      at: event.at.toISOString(),
      actorId: event.actor.id,
      actorRole: event.actor.role,
      change: structuredClone(event.change),
    };
    this.store.orderHistory.set(key, record);
  }

  async listFor(orderId: string, page: { afterVersion: number; limit: number }): Promise<OrderHistoryEvent[]> {
    return ([...this.store.orderHistory.values()] as OrderHistoryRecord[])
      .filter((r) => r.orderId === orderId && r.version > page.afterVersion)
      .sort((a, b) => a.version - b.version)
      .slice(0, page.limit)
      .map((r) => ({
        orderId: r.orderId,
        version: r.version,
        at: new Date(r.at),
        actor: { id: r.actorId, role: r.actorRole },
        change: structuredClone(r.change),
      }));
  }
}
