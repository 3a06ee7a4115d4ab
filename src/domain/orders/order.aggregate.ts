import { DomainError, invalid } from '../shared/domain-error.js';
import type { DomainEvent } from '../shared/domain-event.js';
import type { CurrencyCode } from '../shared/currency.js';
import { Money } from '../shared/money.value-object.js';
import { byProductId, type StockLine } from '../catalog/stock-line.js';
import { OrderItem, type OrderItemProps } from './order-item.entity.js';
import type { OrderAction, OrderViewer } from './order-actions.js';
import type { OrderCancelled, OrderConfirmed, OrderCreated, OrderDelivered, OrderEventPayload, OrderShipped } from './order-events.js';
import type { OrderChange, OrderHistoryLine } from './order-history.js';
import type { OrderStatus } from './order-status.js';
import { Quantity } from './quantity.value-object.js';
import { type Shipment, type ShipmentDetails, shipmentDetails } from './shipment.value-object.js';

/**
 * The currency of an order that has never held an item, so even a brand-new order
 * has a well-defined (zero) total. The first item added replaces it.
 */
export const DEFAULT_ORDER_CURRENCY: CurrencyCode = 'USD';

/** Lines one order may hold: bounds the work of loading, confirming and rendering it. */
export const MAX_ORDER_LINES = 1000;

export interface OrderProps {
  id: string;
  customerId: string;
  status: OrderStatus;
  /** Set by the first item and kept, so an emptied order still totals zero in its currency. */
  currency: CurrencyCode;
  items: OrderItemProps[];
  /** The persisted version this instance was loaded at (optimistic concurrency). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Null until the order ships. Optional on restore: an order stored before shipping existed has none. */
  shipment?: Shipment | null;
  /**
   * When the order was confirmed (set once by `confirm`, kept through later changes such as
   * a cancellation), or null while it never was: the day a sale counts on in reports.
   */
  confirmedAt: Date | null;
}

export interface ProductSnapshot {
  readonly id: string;
  readonly name: string;
  readonly price: Money;
}

/**
 * The order aggregate root: an order and its lines, changed only through these methods.
 * Invariants: one currency for all lines, one line per product, quantities 1–10,000,
 * a representable total, and only a pending order changes its lines.
 * Lifecycle: pending → confirmed → shipped → delivered; cancelled from pending or confirmed.
 *
 * Besides its events, the aggregate records what each change did (`OrderChange`, pulled
 * by the use case into the order's history with the actor): every stored version has
 * exactly one. Lines added before a new order is first stored belong to its `created`.
 */
export class Order {
  private events: DomainEvent[] = [];
  private changes: OrderChange[] = [];

  private constructor(
    private props: Omit<OrderProps, 'items' | 'shipment'> & { shipment: Shipment | null },
    private lines: readonly OrderItem[],
  ) {}

  /** A new pending order; raises `OrderCreated` (its payload follows the lines added before the order is stored). */
  static create(input: { id: string; customerId: string; now: Date }): Order {
    const order = new Order(
      {
        id: input.id,
        customerId: input.customerId,
        status: 'pending',
        currency: DEFAULT_ORDER_CURRENCY,
        version: 1,
        createdAt: input.now,
        updatedAt: input.now,
        shipment: null,
        confirmedAt: null,
      },
      [],
    );
    order.changes.push({ type: 'created', items: [] });
    order.events.push({ type: 'OrderCreated', occurredAt: input.now, aggregateId: input.id, payload: order.eventPayload() } satisfies OrderCreated);
    return order;
  }

  /** Rebuild from storage without re-validating what was validated on the way in. */
  static restore(props: OrderProps): Order {
    const { items, shipment, ...rest } = props;
    return new Order({ ...rest, shipment: shipment ?? null }, items.map((item) => OrderItem.restore(item)));
  }

  get id(): string { return this.props.id; }
  get customerId(): string { return this.props.customerId; }
  get status(): OrderStatus { return this.props.status; }
  get currency(): CurrencyCode { return this.props.currency; }
  get items(): readonly OrderItem[] { return this.lines; }
  get version(): number { return this.props.version; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }
  get shipment(): Shipment | null { return this.props.shipment; }
  get confirmedAt(): Date | null { return this.props.confirmedAt; }

  isOwnedBy(customerId: string): boolean {
    return this.props.customerId === customerId;
  }

  /**
   * Adds `quantity` of a product at its current price. A product already in the order
   * adds to its line (keeping that line's first price snapshot). An empty order adopts
   * the product's currency; otherwise the currencies must match.
   */
  addItem(input: { itemId: string; product: ProductSnapshot; quantity: number; now: Date }): OrderItem {
    this.assertPending();
    const quantity = Quantity.of(input.quantity);
    const { product } = input;
    const currency = product.price.currency;
    if (this.lines.length > 0 && currency !== this.props.currency) {
      const message = `the product is priced in ${currency} but the order is in ${this.props.currency}`;
      throw new DomainError('order.currency_mismatch', message, [{ path: '/productId', message }], {
        orderCurrency: this.props.currency,
        productCurrency: currency,
      });
    }
    const existing = this.lines.find((line) => line.productId === product.id);
    if (!existing && this.lines.length >= MAX_ORDER_LINES) {
      throw invalid('/productId', `an order holds at most ${MAX_ORDER_LINES} lines`);
    }
    const line = existing
      ? existing.mergedWith(quantity)
      : OrderItem.create({
          id: input.itemId,
          productId: product.id,
          productName: product.name,
          quantity,
          unitPrice: product.price,
        });
    const lines = existing ? this.lines.map((l) => (l === existing ? line : l)) : [...this.lines, line];
    this.replaceLines(lines, currency, input.now);
    this.recordLineChange({ type: existing ? 'item_changed' : 'item_added', ...historyLine(line) });
    return line;
  }

  changeItemQuantity(itemId: string, quantity: number, now: Date): OrderItem {
    this.assertPending();
    const existing = this.findLine(itemId);
    const line = existing.withQuantity(Quantity.of(quantity));
    this.replaceLines(this.lines.map((l) => (l === existing ? line : l)), this.props.currency, now);
    this.recordLineChange({ type: 'item_changed', ...historyLine(line) });
    return line;
  }

  removeItem(itemId: string, now: Date): void {
    this.assertPending();
    const existing = this.findLine(itemId);
    this.replaceLines(this.lines.filter((l) => l !== existing), this.props.currency, now);
    this.recordLineChange({ type: 'item_removed', ...historyLine(existing) });
  }

  /** Stock is reserved by the caller (through the repository) in the same transaction. */
  confirm(now: Date): void {
    this.assertPending();
    if (this.lines.length === 0) throw new DomainError('order.empty', 'an empty order cannot be confirmed');
    this.props = { ...this.props, status: 'confirmed', updatedAt: now, confirmedAt: now };
    this.changes.push({ type: 'confirmed' });
    this.events.push({
      type: 'OrderConfirmed',
      occurredAt: now,
      aggregateId: this.props.id,
      payload: this.eventPayload(),
    } satisfies OrderConfirmed);
  }

  /**
   * Cancels a pending or confirmed order. Returns the stock the caller must release:
   * the reserved lines for a confirmed order, nothing for a pending one. Once shipped,
   * the goods are on their way: no cancellation (`order.already_shipped`).
   */
  cancel(now: Date): StockLine[] {
    const previousStatus = this.props.status;
    if (previousStatus === 'cancelled') {
      throw new DomainError('order.already_cancelled', 'the order is already cancelled');
    }
    if (previousStatus === 'shipped' || previousStatus === 'delivered') {
      throw new DomainError('order.already_shipped', `the order is ${previousStatus}; a shipped order cannot be cancelled`, [], {
        orderStatus: previousStatus,
      });
    }
    const toRelease = previousStatus === 'confirmed' ? this.stockLines() : [];
    this.props = { ...this.props, status: 'cancelled', updatedAt: now };
    this.changes.push({ type: 'cancelled' });
    this.events.push({
      type: 'OrderCancelled',
      occurredAt: now,
      aggregateId: this.props.id,
      payload: { ...this.eventPayload(), previousStatus },
    } satisfies OrderCancelled);
    return toRelease;
  }

  /** A confirmed order leaves the warehouse; carrier and tracking number are optional. */
  ship(details: ShipmentDetails, now: Date): void {
    const { carrier, trackingNumber } = shipmentDetails(details);
    if (this.props.status !== 'confirmed') {
      throw new DomainError('order.not_confirmed', `the order is ${this.props.status}; only a confirmed order can be shipped`, [], {
        orderStatus: this.props.status,
      });
    }
    this.props = { ...this.props, status: 'shipped', updatedAt: now, shipment: { carrier, trackingNumber, shippedAt: now, deliveredAt: null } };
    this.changes.push({ type: 'shipped', carrier, trackingNumber });
    this.events.push({
      type: 'OrderShipped',
      occurredAt: now,
      aggregateId: this.props.id,
      payload: { ...this.eventPayload(), carrier, trackingNumber, shippedAt: now.toISOString() },
    } satisfies OrderShipped);
  }

  /** A shipped order reached the customer; final. */
  deliver(now: Date): void {
    const shipment = this.props.shipment;
    if (this.props.status !== 'shipped' || shipment === null) {
      throw new DomainError('order.not_shipped', `the order is ${this.props.status}; only a shipped order can be delivered`, [], {
        orderStatus: this.props.status,
      });
    }
    this.props = { ...this.props, status: 'delivered', updatedAt: now, shipment: { ...shipment, deliveredAt: now } };
    this.changes.push({ type: 'delivered' });
    this.events.push({
      type: 'OrderDelivered',
      occurredAt: now,
      aggregateId: this.props.id,
      payload: { ...this.eventPayload(), deliveredAt: now.toISOString() },
    } satisfies OrderDelivered);
  }

  /**
   * What `viewer` may do to this order now, in ORDER_ACTIONS order: the same rules the methods
   * above and the access rules enforce (the owner changes, confirms and cancels; an admin
   * cancels, ships and delivers), so a client never re-implements the state machine.
   */
  allowedActions(viewer: OrderViewer): OrderAction[] {
    const admin = viewer.role === 'admin';
    if (!viewer.isOwner && !admin) return [];
    const { status } = this.props;
    const hasLines = this.lines.length > 0;
    const actions: OrderAction[] = [];
    if (viewer.isOwner && status === 'pending') {
      actions.push('addItem');
      if (hasLines) actions.push('changeItem', 'removeItem', 'confirm');
    }
    if (status === 'pending' || status === 'confirmed') actions.push('cancel');
    if (admin && status === 'confirmed') actions.push('ship');
    if (admin && status === 'shipped') actions.push('deliver');
    return actions;
  }

  /**
   * The one change made since the order was loaded (or created), for its history; the
   * store keeps one event per version, so two changes without a save in between are a bug.
   */
  pullChange(): OrderChange {
    const [change, ...more] = this.changes;
    if (change === undefined || more.length > 0) {
      throw new Error(`an order is saved after exactly one change, not ${this.changes.length}`);
    }
    this.changes = [];
    return change;
  }

  /** Σ quantity × unitPrice, exact in minor units; zero in the order's currency when empty. */
  total(): Money {
    return sumLines(this.lines, this.props.currency);
  }

  /** One line per product, ascending productId: the lock order every adapter reserves in. */
  stockLines(): StockLine[] {
    return this.lines
      .map((line) => ({ productId: line.productId, quantity: line.quantity }))
      .sort(byProductId);
  }

  pullEvents(): DomainEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** Called by the repository once it has made the optimistic write, or queued it in the same transaction (which then fails if the write does). */
  markSaved(): void {
    this.props = { ...this.props, version: this.props.version + 1 };
  }

  /** Lines added to an order not stored yet are part of its creation: version 1 has one event, `created`. */
  private recordLineChange(change: OrderChange): void {
    if (this.changes.length === 1 && this.changes[0]!.type === 'created' && this.props.version === 1) {
      this.changes = [{ type: 'created', items: this.lines.map(historyLine) }];
      this.events = this.events.map((event) => (event.type === 'OrderCreated' ? { ...event, payload: this.eventPayload() } : event));
      return;
    }
    this.changes.push(change);
  }

  private assertPending(): void {
    if (this.props.status !== 'pending') {
      throw new DomainError(
        'order.not_pending',
        `the order is ${this.props.status}; only a pending order can be changed or confirmed`,
        [],
        { orderStatus: this.props.status },
      );
    }
  }

  private findLine(itemId: string): OrderItem {
    const line = this.lines.find((l) => l.id === itemId);
    if (!line) throw new DomainError('order.item_not_found', 'the order has no such item', [], { itemId });
    return line;
  }

  /** Commits new lines only once their total is known to be representable. */
  private replaceLines(lines: readonly OrderItem[], currency: CurrencyCode, now: Date): void {
    try {
      sumLines(lines, currency);
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: sumLines throws only DomainErrors, so the guard is never false.
      if (error instanceof DomainError) throw invalid('/quantity', 'the order total would exceed the supported maximum');
      throw error;
    }
    this.lines = lines;
    this.props = { ...this.props, currency, updatedAt: now };
  }

  private eventPayload(): OrderEventPayload {
    const total = this.total();
    return {
      orderId: this.props.id,
      customerId: this.props.customerId,
      items: this.lines.map((line) => ({
        productId: line.productId,
        productName: line.productName,
        quantity: line.quantity,
        unitPrice: line.unitPrice.toDecimalString(),
        lineTotal: line.lineTotal().toDecimalString(),
      })),
      total: { amount: total.toDecimalString(), currency: total.currency },
    };
  }
}

const historyLine = (line: OrderItem): OrderHistoryLine => ({ itemId: line.id, productId: line.productId, quantity: line.quantity });

const sumLines = (lines: readonly OrderItem[], currency: CurrencyCode): Money =>
  lines.reduce((sum, line) => sum.add(line.lineTotal()), Money.zero(currency));
