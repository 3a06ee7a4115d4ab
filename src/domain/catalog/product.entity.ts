import { DomainError, invalid } from '../shared/domain-error.js';
import type { Money } from '../shared/money.value-object.js';

export const SKU_MAX = 64;
export const NAME_MAX = 200;
export const STOCK_MAX = 1_000_000_000;
export const DESCRIPTION_MAX = 5_000;
export const REASON_MAX = 200;

export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

const SKU = /^[A-Za-z0-9._-]+$/;

/** An archived product cannot be ordered: adding it to an order or confirming an order holding it. */
export const productArchived = (productIds: readonly string[]): DomainError =>
  new DomainError('product.archived', 'the product is archived and can no longer be ordered', [], { productIds: [...productIds] });

/** The one refusal for a sku another product holds (compared case-insensitively), whichever adapter notices it. */
export const skuTaken = (): DomainError =>
  new DomainError('product.sku_taken', 'a product with this sku already exists', [{ path: '/sku', message: 'is already taken' }]);

export interface ProductProps {
  id: string;
  sku: string;
  name: string;
  description: string;
  status: ProductStatus;
  price: Money;
  stock: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProductChanges {
  name?: string;
  description?: string;
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

  static create(input: { id: string; sku: string; name: string; description?: string; price: Money; stock: number; now: Date }): Product {
    return new Product({
      id: input.id,
      sku: validSku(input.sku),
      name: validName(input.name),
      description: validDescription(input.description ?? ''),
      status: 'active',
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
  get description(): string { return this.props.description; }
  get status(): ProductStatus { return this.props.status; }
  get price(): Money { return this.props.price; }
  get stock(): number { return this.props.stock; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }

  /** Validates every given field before changing any, so a refused update leaves the product as it was. */
  update(changes: ProductChanges, now: Date): void {
    const next = { ...this.props, updatedAt: now };
    if (changes.name !== undefined) next.name = validName(changes.name);
    if (changes.description !== undefined) next.description = validDescription(changes.description);
    if (changes.price !== undefined) next.price = changes.price;
    if (changes.stock !== undefined) next.stock = validStock(changes.stock);
    this.props = next;
  }

  canReserve(quantity: number): boolean {
    return quantity <= this.props.stock;
  }

  /** Takes the product off sale; it keeps answering by id (orders point at it). False when it already was. */
  archive(now: Date): boolean {
    return this.setStatus('archived', now);
  }

  /** Puts an archived product back on sale. False when it was active. */
  unarchive(now: Date): boolean {
    return this.setStatus('active', now);
  }

  /** Refuses to let an archived product into an order. */
  assertOrderable(): void {
    if (this.props.status === 'archived') throw productArchived([this.props.id]);
  }

  private setStatus(status: ProductStatus, now: Date): boolean {
    if (this.props.status === status) return false;
    this.props = { ...this.props, status, updatedAt: now };
    return true;
  }
}

/**
 * A relative stock change an admin asks for: a non-zero whole number of units and a reason
 * of 1–200 characters. Whether the stock may go that low is decided atomically by the
 * repository (concurrent confirmations may move it meanwhile), never from a loaded copy.
 */
export const validAdjustment = (delta: number, reason: string): { delta: number; reason: string } => {
  if (!Number.isInteger(delta) || delta === 0 || Math.abs(delta) > STOCK_MAX) {
    throw invalid('/delta', `must be a non-zero integer from -${STOCK_MAX} to ${STOCK_MAX}`);
  }
  const trimmed = reason.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > REASON_MAX) throw invalid('/reason', `must be 1–${REASON_MAX} characters, not blank`);
  return { delta, reason: trimmed };
};

/** The refusal of a stock change that would take stock below zero. */
export const stockInsufficient = (productIds: readonly string[]): DomainError =>
  new DomainError('stock.insufficient', 'not enough stock', [], { productIds: [...productIds] });

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

const validDescription = (raw: string): string => {
  // Kept as written (line breaks and all); only its length is bounded, in code points like the name.
  if ([...raw].length > DESCRIPTION_MAX) throw invalid('/description', `must be at most ${DESCRIPTION_MAX} characters`);
  return raw;
};

const validStock = (stock: number): number => {
  if (!Number.isInteger(stock) || stock < 0 || stock > STOCK_MAX) {
    throw invalid('/stock', `must be an integer from 0 to ${STOCK_MAX}`);
  }
  return stock;
};
