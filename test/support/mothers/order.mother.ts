import type { Product } from '../../../src/domain/catalog/product.entity.js';
import { Order } from '../../../src/domain/orders/order.aggregate.js';

let sequence = 0;

/**
 * `anOrder().withItem(product, 2).confirmed().build()`: a valid order owned by
 * `customer-1`, built through the aggregate's own methods, with its events already pulled.
 */
class OrderBuilder {
  private readonly n = ++sequence;
  private id = `order-${String(this.n).padStart(6, '0')}`;
  private customerId = 'customer-1';
  private readonly lines: { product: Product; quantity: number }[] = [];
  private status: 'pending' | 'confirmed' | 'cancelled' = 'pending';
  private cancelledFromConfirmed = false;
  private now = new Date('2025-02-01T00:00:00.000Z');

  withId(id: string): this {
    this.id = id;
    return this;
  }

  ownedBy(customerId: string): this {
    this.customerId = customerId;
    return this;
  }

  withItem(product: Product, quantity = 1): this {
    this.lines.push({ product, quantity });
    return this;
  }

  at(now: Date): this {
    this.now = now;
    return this;
  }

  confirmed(): this {
    this.status = 'confirmed';
    return this;
  }

  /** Cancelled straight from pending, or after confirmation when `.confirmed()` came first. */
  cancelled(): this {
    this.cancelledFromConfirmed = this.status === 'confirmed';
    this.status = 'cancelled';
    return this;
  }

  build(): Order {
    const order = Order.create({ id: this.id, customerId: this.customerId, now: this.now });
    this.lines.forEach(({ product, quantity }, index) =>
      order.addItem({ itemId: `${this.id}-item-${index + 1}`, product, quantity, now: this.now }),
    );
    if (this.status === 'confirmed' || this.cancelledFromConfirmed) order.confirm(this.now);
    if (this.status === 'cancelled') order.cancel(this.now);
    order.pullEvents();
    return order;
  }
}

export const anOrder = (): OrderBuilder => new OrderBuilder();
