import type { Kysely } from 'kysely';
import type { TransactionContext } from '../../application/ports/unit-of-work.port.js';
import type { ProductRepository } from '../../domain/catalog/product.repository.port.js';
import type { OrderRepository } from '../../domain/orders/order.repository.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { DB } from './database.schema.js';
import { SqlIdempotencyStore } from './repositories/sql-idempotency.store.js';
import { SqlOutbox } from './repositories/sql-outbox.js';
import { SqlUserRepository } from './repositories/sql-user.repository.js';

// Catalog and orders adapters land with their issue; until then any use is a loud failure.
const notYet = <T extends object>(name: string): T =>
  new Proxy({} as T, {
    get: () => {
      throw new Error(`${name} has no SQL adapter yet`);
    },
  });

/** Every repository bound to one executor (a transaction, or the pool for plain reads). */
export const sqlRepositories =
  (ids: IdGenerator) =>
  (executor: Kysely<DB>): TransactionContext => ({
    users: new SqlUserRepository(executor),
    products: notYet<ProductRepository>('ProductRepository'),
    orders: notYet<OrderRepository>('OrderRepository'),
    outbox: new SqlOutbox(executor, ids),
    idempotency: new SqlIdempotencyStore(executor),
  });
