import type { Money } from '../shared/money.value-object.js';
import { Quantity } from './quantity.value-object.js';

export interface OrderItemProps {
  id: string;
  productId: string;
  /** The product's name when the line was added, so emails and history read as the customer saw them. */
  productName: string;
  quantity: number;
  /** The product's price when the line was added (a snapshot, not a live reference). */
  unitPrice: Money;
}

/** One line of an order. Immutable: the aggregate replaces a line to change it. */
export class OrderItem {
  private constructor(
    readonly id: string,
    readonly productId: string,
    readonly productName: string,
    private readonly qty: Quantity,
    readonly unitPrice: Money,
  ) {}

  static create(input: { id: string; productId: string; productName: string; quantity: Quantity; unitPrice: Money }): OrderItem {
    return new OrderItem(input.id, input.productId, input.productName, input.quantity, input.unitPrice);
  }

  static restore(props: OrderItemProps): OrderItem {
    return new OrderItem(props.id, props.productId, props.productName, Quantity.restore(props.quantity), props.unitPrice);
  }

  get quantity(): number {
    return this.qty.value;
  }

  lineTotal(): Money {
    return this.unitPrice.multiply(this.qty.value);
  }

  withQuantity(quantity: Quantity): OrderItem {
    return new OrderItem(this.id, this.productId, this.productName, quantity, this.unitPrice);
  }

  /** Adding the same product again adds to this line, at the price snapshot taken first. */
  mergedWith(quantity: Quantity): OrderItem {
    return this.withQuantity(this.qty.plus(quantity));
  }

  toProps(): OrderItemProps {
    return {
      id: this.id,
      productId: this.productId,
      productName: this.productName,
      quantity: this.qty.value,
      unitPrice: this.unitPrice,
    };
  }
}
