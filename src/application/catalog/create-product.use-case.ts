import type { Clock } from '../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import { Money } from '../../domain/shared/money.value-object.js';
import { Product } from '../../domain/catalog/product.entity.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { MoneyDto } from '../shared/money.dto.js';
import { type ProductDto, toProductDto } from './product.dto.js';
import { requireAdmin } from './require-admin.js';

export interface CreateProductInput {
  actor: Actor;
  sku: string;
  name: string;
  /** Default "". */
  description?: string;
  price: MoneyDto;
  stock: number;
}

export type CreateProductOutput = ProductDto;

/** Adds an active product; its opening stock is the ledger's first (`initial`) movement, written with it. */
export class CreateProduct {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; ids: IdGenerator }) {}

  async execute(input: CreateProductInput): Promise<CreateProductOutput> {
    requireAdmin(input.actor);
    const product = Product.create({
      id: this.deps.ids.next(),
      sku: input.sku,
      name: input.name,
      description: input.description,
      price: Money.parse(input.price.amount, input.price.currency, '/price'),
      stock: input.stock,
      now: this.deps.clock.now(),
    });
    await this.deps.uow.run((tx) => tx.products.insert(product, input.actor.userId));
    return toProductDto(product);
  }
}
