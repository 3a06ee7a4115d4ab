import type { UserRepository } from '../../domain/users/user.repository.port.js';
import type { RefreshTokenRepository } from '../../domain/users/refresh-token.repository.port.js';
import type { PasswordResetTokenRepository } from '../../domain/users/password-reset-token.repository.port.js';
import type { UserViews } from './user-views.port.js';
import type { ProductRepository } from '../../domain/catalog/product.repository.port.js';
import type { OrderRepository } from '../../domain/orders/order.repository.port.js';
import type { OrderHistoryRepository } from '../../domain/orders/order-history.repository.port.js';
import type { IdempotencyStore } from './idempotency-store.port.js';
import type { Outbox } from './outbox.port.js';
import type { ProductViews } from './product-views.port.js';
import type { SalesViews } from './sales-views.port.js';
import type { WebhookEndpointRepository } from '../../domain/webhooks/webhook-endpoint.repository.port.js';
import type { WebhookDeliveryRepository } from '../../domain/webhooks/webhook-delivery.repository.port.js';

/** The repositories a use case may touch, all bound to one transaction (or none, for reads). */
export interface TransactionContext {
  readonly users: UserRepository;
  readonly userViews: UserViews;
  readonly refreshTokens: RefreshTokenRepository;
  readonly resetTokens: PasswordResetTokenRepository;
  readonly products: ProductRepository;
  /** The catalog's read side: DTOs without aggregates (see product-views.port.ts). */
  readonly productViews: ProductViews;
  readonly orders: OrderRepository;
  /** Appended in the transaction of every order change (application/orders/order-change.ts). */
  readonly orderHistory: OrderHistoryRepository;
  /** Sales per day, summed by the store (see sales-views.port.ts). */
  readonly salesViews: SalesViews;
  readonly outbox: Outbox;
  readonly idempotency: IdempotencyStore;
  readonly webhookEndpoints: WebhookEndpointRepository;
  /** Webhook deliveries as the API shows them and the fan-out records them (the worker claims them through its own queue). */
  readonly webhookDeliveries: WebhookDeliveryRepository;
}

/**
 * Atomic work. `run` commits once when `work` resolves and rolls back when it throws;
 * repositories never commit on their own. `read` runs without a transaction, for
 * single-statement reads that need no isolation (cheaper: no BEGIN/COMMIT).
 */
export interface UnitOfWork {
  run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T>;
  read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T>;
}
