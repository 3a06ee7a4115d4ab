import { DomainError, invalid } from '../shared/domain-error.js';
import type { DomainEvent } from '../shared/domain-event.js';
import type { CurrencyCode } from '../shared/currency.js';
import { Money } from '../shared/money.value-object.js';
import { byProductId, type StockLine } from '../catalog/stock-line.js';
import { OrderItem, type OrderItemProps } from './order-item.entity.js';
import type { OrderCancelled, OrderConfirmed, OrderEventPayload } from './order-events.js';
import type { OrderStatus } from './order-status.js';
import { Quantity } from './quantity.value-object.js';

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
 * a representable total, and only a pending order changes.
 */
export class Order {
  private events: DomainEvent[] = [];

  private constructor(
    private props: Omit<OrderProps, 'items'>,
    private lines: readonly OrderItem[],
  ) {}

  static create(input: { id: string; customerId: string; now: Date }): Order {
    return new Order(
      {
        id: input.id,
        customerId: input.customerId,
        status: 'pending',
        currency: DEFAULT_ORDER_CURRENCY,
        version: 1,
        createdAt: input.now,
        updatedAt: input.now,
        confirmedAt: null,
      },
      [],
    );
  }

  /** Rebuild from storage without re-validating what was validated on the way in. */
  static restore(props: OrderProps): Order {
    const { items, ...rest } = props;
    return new Order({ ...rest }, items.map((item) => OrderItem.restore(item)));
  }

  get id(): string { return this.props.id; }
  get customerId(): string { return this.props.customerId; }
  get status(): OrderStatus { return this.props.status; }
  get currency(): CurrencyCode { return this.props.currency; }
  get items(): readonly OrderItem[] { return this.lines; }
  get version(): number { return this.props.version; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }
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
    return line;
  }

  changeItemQuantity(itemId: string, quantity: number, now: Date): OrderItem {
    this.assertPending();
    const existing = this.findLine(itemId);
    const line = existing.withQuantity(Quantity.of(quantity));
    this.replaceLines(this.lines.map((l) => (l === existing ? line : l)), this.props.currency, now);
    return line;
  }

  removeItem(itemId: string, now: Date): void {
    this.assertPending();
    const existing = this.findLine(itemId);
    this.replaceLines(this.lines.filter((l) => l !== existing), this.props.currency, now);
  }

  /** Stock is reserved by the caller (through the repository) in the same transaction. */
  confirm(now: Date): void {
    this.assertPending();
    if (this.lines.length === 0) throw new DomainError('order.empty', 'an empty order cannot be confirmed');
    this.props = { ...this.props, status: 'confirmed', updatedAt: now, confirmedAt: now };
    this.events.push({
      type: 'OrderConfirmed',
      occurredAt: now,
      aggregateId: this.props.id,
      payload: this.eventPayload(),
    } satisfies OrderConfirmed);
  }

  /**
   * Cancels a pending or confirmed order. Returns the stock the caller must release:
   * the reserved lines for a confirmed order, nothing for a pending one.
   */
  cancel(now: Date): StockLine[] {
    const previousStatus = this.props.status;
    if (previousStatus === 'cancelled') {
      throw new DomainError('order.already_cancelled', 'the order is already cancelled');
    }
    const toRelease = previousStatus === 'confirmed' ? this.stockLines() : [];
    this.props = { ...this.props, status: 'cancelled', updatedAt: now };
    this.events.push({
      type: 'OrderCancelled',
      occurredAt: now,
      aggregateId: this.props.id,
      payload: { ...this.eventPayload(), previousStatus },
    } satisfies OrderCancelled);
    return toRelease;
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

  /** Called by the repository once the optimistic write succeeded. */
  markSaved(): void {
    this.props = { ...this.props, version: this.props.version + 1 };
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

const sumLines = (lines: readonly OrderItem[], currency: CurrencyCode): Money =>
  lines.reduce((sum, line) => sum.add(line.lineTotal()), Money.zero(currency));
