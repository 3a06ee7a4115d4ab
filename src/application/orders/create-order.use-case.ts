import type { Clock } from '../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import { Order } from '../../domain/orders/order.aggregate.js';
import type { Actor } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { idempotent, type IdempotencyRequest } from '../shared/idempotency.js';
import { underPath } from '../shared/issue-path.js';
import { productNotFound } from '../catalog/load-product.js';
import { recordOrderChange } from './order-change.js';
import { type OrderDto, toOrderDtoFor } from './order.dto.js';

export interface CreateOrderInput {
  actor: Actor;
  /** Lines to start with; the same product twice adds up into one line. */
  items?: readonly { productId: string; quantity: number }[];
  /** From the `Idempotency-Key` header: a retry returns the first order instead of opening another. */
  idempotency?: IdempotencyRequest;
}

export type CreateOrderOutput = OrderDto;

/** Opens a pending order for the caller. Field issues point into the request, e.g. `/items/1/quantity`. */
export class CreateOrder {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; ids: IdGenerator }) {}

  async execute(input: CreateOrderInput): Promise<CreateOrderOutput> {
    const { uow, clock, ids } = this.deps;
    const lines = input.items ?? [];
    return idempotent(this.deps, input.idempotency, (seal) => uow.run(async (tx) => {
      const now = clock.now();
      const products = new Map(
        (await tx.products.findByIds(lines.map((l) => l.productId))).map((p) => [p.id, p]),
      );
      const order = Order.create({ id: ids.next(), customerId: input.actor.userId, now });
      lines.forEach((line, index) => {
        const product = products.get(line.productId);
        if (!product) throw productNotFound(line.productId);
        product.assertOrderable();
        underPath(`/items/${index}`, () =>
          order.addItem({ itemId: ids.next(), product, quantity: line.quantity, now }),
        );
      });
      // The order, its `created` history event and `OrderCreated` commit together.
      await recordOrderChange(tx, order, input.actor, 'insert');
      const dto = toOrderDtoFor(input.actor, order);
      await seal(tx, dto);
      return dto;
    }));
  }
}
