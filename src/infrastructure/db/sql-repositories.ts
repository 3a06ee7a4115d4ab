import { PostgresAdapter, type Kysely } from 'kysely';
import type { ProductViews } from '../../application/ports/product-views.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { DB } from './database.schema.js';
import { SqlIdempotencyStore } from './repositories/sql-idempotency.store.js';
import { SqlOrderRepository } from './repositories/sql-order.repository.js';
import { SqlOrderHistoryRepository } from './repositories/sql-order-history.repository.js';
import { SqlOutbox } from './repositories/sql-outbox.js';
import { PendingRows } from './repositories/pending-rows.js';
import type { SqlTransactionContext } from './kysely-unit-of-work.js';
import { SqlProductRepository } from './repositories/sql-product.repository.js';
import { SqlUserRepository } from './repositories/sql-user.repository.js';
import { SqlPasswordResetTokenRepository } from './repositories/sql-password-reset-token.repository.js';
import { SqlRefreshTokenRepository } from './repositories/sql-refresh-token.repository.js';
import { SqlUserViews } from './views/sql-user.views.js';
import { SqlWebhookDeliveryRepository, SqlWebhookEndpointRepository } from './repositories/sql-webhook.repository.js';
import { SqlProductViews } from './views/sql-product.views.js';
import { SqlSalesViews } from './views/sql-sales.views.js';

/** Read models that answer `read` work instead of Kysely (Database.productReadModel on SQLite). */
export interface ReadModels {
  readonly productViews?: ProductViews | undefined;
}

/**
 * Every repository of one unit of work, bound to one executor (a transaction, or the reader for
 * plain reads).
 */
export const sqlRepositories =
  (ids: IdGenerator, readModels: ReadModels = {}) =>
  (executor: Kysely<DB>, scope: 'transaction' | 'read'): SqlTransactionContext => {
    // PostgreSQL transactions: outbox and history rows ride on the order save that follows them, or are
    // written together in one statement before COMMIT (see repositories/pending-rows.ts).
    const pending = scope === 'transaction' && executor.getExecutor().adapter instanceof PostgresAdapter ? new PendingRows() : undefined;
    return {
      users: new SqlUserRepository(executor),
      userViews: new SqlUserViews(executor),
      refreshTokens: new SqlRefreshTokenRepository(executor),
      resetTokens: new SqlPasswordResetTokenRepository(executor),
      products: new SqlProductRepository(executor, ids),
      // A transaction reads through itself: it must see its own writes.
      productViews: (scope === 'read' ? readModels.productViews : undefined) ?? new SqlProductViews(executor),
      orders: new SqlOrderRepository(executor, pending),
      orderHistory: new SqlOrderHistoryRepository(executor, pending),
      salesViews: new SqlSalesViews(executor),
      outbox: new SqlOutbox(executor, ids, pending),
      idempotency: new SqlIdempotencyStore(executor),
      webhookEndpoints: new SqlWebhookEndpointRepository(executor),
      webhookDeliveries: new SqlWebhookDeliveryRepository(executor),
      ...(pending ? { flushDeferred: () => pending.flush(executor), addedOutbox: () => pending.addedOutbox() } : {}),
    };
  };
