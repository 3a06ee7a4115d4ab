import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { TransactionContext } from '../../application/ports/unit-of-work.port.js';
import { InMemoryIdempotencyStore } from './in-memory-idempotency.store.js';
import { InMemoryOrderRepository } from './in-memory-order.repository.js';
import { InMemoryOrderHistoryRepository } from './in-memory-order-history.repository.js';
import { InMemoryOutbox } from './in-memory-outbox.js';
import { InMemoryProductRepository } from './in-memory-product.repository.js';
import { InMemoryProductViews } from './in-memory-product.views.js';
import { InMemorySalesViews } from './in-memory-sales.views.js';
import type { InMemoryStore } from './in-memory-store.js';
import { InMemoryUserRepository } from './in-memory-user.repository.js';
import { InMemoryPasswordResetTokenRepository } from './in-memory-password-reset-token.repository.js';
import { InMemoryRefreshTokenRepository } from './in-memory-refresh-token.repository.js';
import { InMemoryUserViews } from './in-memory-user.views.js';
import { InMemoryWebhookDeliveryRepository, InMemoryWebhookEndpointRepository } from './in-memory-webhook.repository.js';

/** Every in-memory repository over one store (a transaction's draft, or the committed store). */
export const inMemoryRepositories = (store: InMemoryStore, ids?: IdGenerator): TransactionContext => ({
  users: new InMemoryUserRepository(store),
  userViews: new InMemoryUserViews(store),
  refreshTokens: new InMemoryRefreshTokenRepository(store),
  resetTokens: new InMemoryPasswordResetTokenRepository(store),
  products: new InMemoryProductRepository(store, ids),
  productViews: new InMemoryProductViews(store),
  orders: new InMemoryOrderRepository(store),
  orderHistory: new InMemoryOrderHistoryRepository(store),
  salesViews: new InMemorySalesViews(store),
  outbox: new InMemoryOutbox(store),
  idempotency: new InMemoryIdempotencyStore(store),
  webhookEndpoints: new InMemoryWebhookEndpointRepository(store),
  webhookDeliveries: new InMemoryWebhookDeliveryRepository(store),
});
