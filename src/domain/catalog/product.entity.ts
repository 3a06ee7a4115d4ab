import { DomainError, invalid } from '../shared/domain-error.js';
import type { Money } from '../shared/money.value-object.js';

export const SKU_MAX = 64;
export const NAME_MAX = 200;
export const STOCK_MAX = 1_000_000_000;

const SKU = /^[A-Za-z0-9._-]+$/;

/** The one refusal for a sku another product holds (compared case-insensitively), whichever adapter notices it. */
export const skuTaken = (): DomainError =>
  new DomainError('product.sku_taken', 'a product with this sku already exists', [{ path: '/sku', message: 'is already taken' }]);

export interface ProductProps {
  id: string;
  sku: string;
  name: string;
  price: Money;
  stock: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProductChanges {
  name?: string;
  price?: Money;
  stock?: number;
}

/**
 * A catalog product. Reserving stock for orders is a conditional update done by the
 * repository (so concurrent confirmations are decided by the database); the entity
 * only validates what an admin sets.
 */
export class Product {
  private constructor(private props: ProductProps) {}

  static create(input: { id: string; sku: string; name: string; price: Money; stock: number; now: Date }): Product {
    return new Product({
      id: input.id,
      sku: validSku(input.sku),
      name: validName(input.name),
      price: input.price,
      stock: validStock(input.stock),
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  /** Rebuild from storage without re-validating what was validated on the way in. */
  static restore(props: ProductProps): Product {
    return new Product({ ...props });
  }

  get id(): string { return this.props.id; }
  get sku(): string { return this.props.sku; }
  get name(): string { return this.props.name; }
  get price(): Money { return this.props.price; }
  get stock(): number { return this.props.stock; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }

  /** Validates every given field before changing any, so a refused update leaves the product as it was. */
  update(changes: ProductChanges, now: Date): void {
    const next = { ...this.props, updatedAt: now };
    if (changes.name !== undefined) next.name = validName(changes.name);
    if (changes.price !== undefined) next.price = changes.price;
    if (changes.stock !== undefined) next.stock = validStock(changes.stock);
    this.props = next;
  }

  canReserve(quantity: number): boolean {
    return quantity <= this.props.stock;
  }
}

const validSku = (raw: string): string => {
  const sku = raw.trim();
  // SKU's `+` already refuses an empty sku.
  if (sku.length > SKU_MAX || !SKU.test(sku)) {
    throw invalid('/sku', `must be 1–${SKU_MAX} characters of letters, digits, ".", "_" or "-"`);
  }
  return sku;
};

const validName = (raw: string): string => {
  const name = raw.trim();
  // Counted in code points so an accented or emoji name is measured as a person would.
  const length = [...name].length;
  if (length < 1 || length > NAME_MAX) throw invalid('/name', `must be 1–${NAME_MAX} characters, not blank`);
  return name;
};

const validStock = (stock: number): number => {
  if (!Number.isInteger(stock) || stock < 0 || stock > STOCK_MAX) {
    throw invalid('/stock', `must be an integer from 0 to ${STOCK_MAX}`);
  }
  return stock;
};
