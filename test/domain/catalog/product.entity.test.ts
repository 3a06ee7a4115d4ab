import { describe, expect, it } from 'vitest';
import { Product, skuTaken } from '../../../src/domain/catalog/product.entity.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { Money } from '../../../src/domain/shared/money.value-object.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { expectExplained } from '../../support/refusal.js';

const T0 = new Date('2025-01-01T00:00:00.000Z');
const T1 = new Date('2025-01-02T00:00:00.000Z');
const usd = (amount: string) => Money.parse(amount, 'USD');

const valid = { id: 'p-1', sku: 'ABC-1', name: 'Widget', price: usd('10.00'), stock: 5, now: T0 };

const issuePath = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation.invalid') return expectExplained(error).issues[0]?.path;
    throw error;
  }
  return undefined;
};

describe('Product.create', () => {
  it('creates a product with the given fields and both timestamps at now', () => {
    const product = Product.create(valid);
    expect(product).toMatchObject({ id: 'p-1', sku: 'ABC-1', name: 'Widget', stock: 5, createdAt: T0, updatedAt: T0 });
    expect(product.price.equals(usd('10'))).toBe(true);
  });

  it('trims the sku and the name', () => {
    const product = Product.create({ ...valid, sku: '  ab.c_1-X ', name: '  Blue widget\n' });
    expect(product.sku).toBe('ab.c_1-X');
    expect(product.name).toBe('Blue widget');
  });

  it.each(['', '   ', 'has space', 'é', 'a/b', 'x'.repeat(65)])('refuses the sku %j at /sku', (sku) => {
    expect(issuePath(() => Product.create({ ...valid, sku }))).toBe('/sku');
  });

  it('accepts a 64-character sku', () => {
    expect(Product.create({ ...valid, sku: 'x'.repeat(64) }).sku).toHaveLength(64);
  });

  it.each(['', '   \t', 'x'.repeat(201)])('refuses the name %j at /name', (name) => {
    expect(issuePath(() => Product.create({ ...valid, name }))).toBe('/name');
  });

  it('measures the name in characters, not UTF-16 units', () => {
    expect(Product.create({ ...valid, name: '😀'.repeat(200) }).name).toHaveLength(400);
  });

  it.each([-1, 1.5, Number.NaN, Infinity, 1_000_000_001])('refuses the stock %d at /stock', (stock) => {
    expect(issuePath(() => Product.create({ ...valid, stock }))).toBe('/stock');
  });

  it('accepts stock from 0 to 1,000,000,000', () => {
    expect(Product.create({ ...valid, stock: 0 }).stock).toBe(0);
    expect(Product.create({ ...valid, stock: 1_000_000_000 }).stock).toBe(1_000_000_000);
  });

  it('accepts a free product (price zero)', () => {
    expect(Product.create({ ...valid, price: usd('0') }).price.isZero()).toBe(true);
  });
});

describe('Product.update', () => {
  it('changes only the given fields and moves updatedAt', () => {
    const product = aProduct().withName('Old').withPrice('1.00').withStock(3).build();
    product.update({ name: ' New ' }, T1);
    expect(product).toMatchObject({ name: 'New', stock: 3, updatedAt: T1 });
    expect(product.price.equals(usd('1'))).toBe(true);

    product.update({ price: usd('2.50'), stock: 0 }, T1);
    expect(product.price.toDecimalString()).toBe('2.50');
    expect(product.stock).toBe(0);
  });

  it('changes nothing when any given field is invalid', () => {
    const product = aProduct().withName('Kept').withStock(3).build();
    expect(issuePath(() => product.update({ name: 'Changed', stock: -1 }, T1))).toBe('/stock');
    expect(product).toMatchObject({ name: 'Kept', stock: 3 });
    expect(product.updatedAt).not.toEqual(T1);
  });
});

describe('Product.canReserve', () => {
  it('is true up to the stock on hand', () => {
    const product = aProduct().withStock(2).build();
    expect(product.canReserve(2)).toBe(true);
    expect(product.canReserve(3)).toBe(false);
  });
});

describe('Product.restore', () => {
  it('rebuilds exactly what was stored', () => {
    const props = { id: 'p-9', sku: 'S', name: 'N', description: 'D', status: 'archived' as const, price: usd('3'), stock: 7, createdAt: T0, updatedAt: T1 };
    expect(Product.restore(props)).toMatchObject({ id: 'p-9', sku: 'S', name: 'N', description: 'D', status: 'archived', stock: 7, createdAt: T0, updatedAt: T1 });
  });
});

describe('Product field bounds on the accepting side', () => {
  it('accepts a one-character sku and a one-character name', () => {
    expect(Product.create({ ...valid, sku: 'X', name: 'Y' })).toMatchObject({ sku: 'X', name: 'Y' });
  });
});

describe('skuTaken', () => {
  it('is product.sku_taken with one issue at /sku, explained', () => {
    const error = expectExplained(skuTaken());
    expect(error.code).toBe('product.sku_taken');
    expect(error.issues).toEqual([{ path: '/sku', message: 'is already taken' }]);
  });
});
