import { Product } from '../../../src/domain/catalog/product.entity.js';
import { Money } from '../../../src/domain/shared/money.value-object.js';

let sequence = 0;

/** `aProduct().withPrice('10.00', 'USD').withStock(5).build()`: a valid product, tweak only what the test is about. */
class ProductBuilder {
  private readonly n = ++sequence;
  private id = `product-${String(this.n).padStart(6, '0')}`;
  private sku = `SKU-${this.n}`;
  private name = `Product ${this.n}`;
  private price = Money.parse('10.00', 'USD');
  private stock = 100;
  private now = new Date('2025-01-01T00:00:00.000Z');

  withId(id: string): this {
    this.id = id;
    return this;
  }

  withSku(sku: string): this {
    this.sku = sku;
    return this;
  }

  withName(name: string): this {
    this.name = name;
    return this;
  }

  withPrice(amount: string, currency = 'USD'): this {
    this.price = Money.parse(amount, currency);
    return this;
  }

  withStock(stock: number): this {
    this.stock = stock;
    return this;
  }

  createdAt(now: Date): this {
    this.now = now;
    return this;
  }

  build(): Product {
    return Product.create({ id: this.id, sku: this.sku, name: this.name, price: this.price, stock: this.stock, now: this.now });
  }
}

export const aProduct = (): ProductBuilder => new ProductBuilder();
