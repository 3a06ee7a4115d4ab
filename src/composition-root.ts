import { sql } from 'kysely';
import pino from 'pino';
import { DeliverEvent } from './application/notifications/deliver-event.use-case.js';
import type { Mailer } from './application/ports/mailer.port.js';
import type { PasswordHasher } from './application/ports/password-hasher.port.js';
import { CreateProduct } from './application/catalog/create-product.use-case.js';
import { GetProduct } from './application/catalog/get-product.use-case.js';
import { ListProducts } from './application/catalog/list-products.use-case.js';
import { UpdateProduct } from './application/catalog/update-product.use-case.js';
import { AddOrderItem } from './application/orders/add-order-item.use-case.js';
import { CancelOrder } from './application/orders/cancel-order.use-case.js';
import { ChangeOrderItem } from './application/orders/change-order-item.use-case.js';
import { ConfirmOrder } from './application/orders/confirm-order.use-case.js';
import { CreateOrder } from './application/orders/create-order.use-case.js';
import { GetOrder } from './application/orders/get-order.use-case.js';
import { ListOrders } from './application/orders/list-orders.use-case.js';
import { RemoveOrderItem } from './application/orders/remove-order-item.use-case.js';
import { AuthenticateRequest } from './application/users/authenticate-request.use-case.js';
import { ChangeEmail } from './application/users/change-email.use-case.js';
import { DeactivateUser } from './application/users/deactivate-user.use-case.js';
import { GetUser } from './application/users/get-user.use-case.js';
import { IssueToken } from './application/users/issue-token.use-case.js';
import { RegisterUser } from './application/users/register-user.use-case.js';
import type { Clock } from './domain/shared/clock.port.js';
import type { IdGenerator } from './domain/shared/id-generator.port.js';
import type { AppConfig } from './infrastructure/config/config.js';
import { openDatabase, type Database } from './infrastructure/db/database.js';
import { KyselyUnitOfWork } from './infrastructure/db/kysely-unit-of-work.js';
import { countStatement, withStatementTally } from './infrastructure/db/statement-counter.js';
import { migrateToLatest } from './infrastructure/db/migrate.js';
import { SqlOutboxQueue } from './infrastructure/db/repositories/sql-outbox-queue.js';
import { outboxStats } from './infrastructure/db/repositories/sql-outbox-admin.js';
import { sqlRepositories } from './infrastructure/db/sql-repositories.js';
import { EmlFileMailer } from './infrastructure/email/eml-file-mailer.js';
import { OutboxDispatcher } from './infrastructure/email/outbox-dispatcher.js';
import { SmtpMailer } from './infrastructure/email/smtp-mailer.js';
import { bearerAuth } from './infrastructure/http/auth.js';
import type { HttpDeps } from './infrastructure/http/http-deps.js';
import { InFlightRequests } from './infrastructure/http/in-flight-requests.js';
import { InProcessFailureStore, LoginThrottle } from './infrastructure/http/login-throttle.js';
import { RedisFailureStore } from './infrastructure/http/redis-failure-store.js';
import { Argon2PasswordHasher } from './infrastructure/security/argon2-password-hasher.js';
import { JoseTokenService } from './infrastructure/security/jose-token-service.js';
import { resolveJwtSecret } from './infrastructure/security/jwt-secret.js';
import { SystemClock } from './infrastructure/security/system-clock.js';
import { UuidV7IdGenerator } from './infrastructure/security/uuid-v7-id-generator.js';

/** Requests in flight from which the server counts as saturated (the bench and most load tools use 8–64 connections). */
const BUSY_REQUESTS_IN_FLIGHT = 8;

/** Ports a test may swap (a fixed clock, a cheaper hasher); production uses the defaults. */
export interface Overrides {
  clock?: Clock;
  ids?: IdGenerator;
  hasher?: PasswordHasher;
  mailer?: Mailer;
}

export interface Services {
  readonly config: AppConfig;
  readonly database: Database;
  readonly http: HttpDeps;
  /** The outbox worker, not started: main.ts starts it when RUN_WORKER, `cli worker` always. */
  readonly dispatcher: OutboxDispatcher;
  /** Stops the dispatcher (waiting for its batch), then releases the mailer and the database. */
  close(): Promise<void>;
}

/**
 * Wires adapters into ports, once per process. main.ts (the server), cli.ts and
 * the tests all build the service through here, so they run the same graph.
 */
export const compose = async (config: AppConfig, overrides: Overrides = {}): Promise<Services> => {
  const clock = overrides.clock ?? new SystemClock();
  const ids = overrides.ids ?? new UuidV7IdGenerator();
  const hasher = overrides.hasher ?? new Argon2PasswordHasher();
  const database = openDatabase(config.databaseUrl, {
    backgroundCheckpoints: true,
    ...(config.sqlStatementCounter ? { onStatement: countStatement } : {}),
  });
  try {
    await migrateToLatest(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  const uow = new KyselyUnitOfWork(database.db, sqlRepositories(ids, clock), database.reader);
  const tokens = new JoseTokenService(resolveJwtSecret(config.jwtSecret, config.dataDir), config.tokenTtlSeconds);

  const authenticate = new AuthenticateRequest({ uow, tokens });
  // One node: counters in process. Many nodes: shared through Redis.
  const failures = config.redisUrl ? new RedisFailureStore(config.redisUrl) : new InProcessFailureStore();
  const pool = database.pool;
  /** Requests being served, counted by the HTTP adapter; the outbox dispatcher's load signal. */
  const requestsInFlight = new InFlightRequests(BUSY_REQUESTS_IN_FLIGHT);
  const http: HttpDeps = {
    users: {
      register: new RegisterUser({ uow, hasher, clock, ids }),
      issueToken: new IssueToken({ uow, hasher, tokens }),
      authenticate,
      get: new GetUser({ uow }),
      changeEmail: new ChangeEmail({ uow, clock }),
      deactivate: new DeactivateUser({ uow, clock }),
    },
    products: {
      create: new CreateProduct({ uow, clock, ids }),
      get: new GetProduct({ uow }),
      list: new ListProducts({ uow }),
      update: new UpdateProduct({ uow, clock }),
    },
    orders: {
      create: new CreateOrder({ uow, clock, ids }),
      get: new GetOrder({ uow }),
      list: new ListOrders({ uow }),
      addItem: new AddOrderItem({ uow, clock, ids }),
      changeItem: new ChangeOrderItem({ uow, clock }),
      removeItem: new RemoveOrderItem({ uow, clock }),
      confirm: new ConfirmOrder({ uow, clock }),
      cancel: new CancelOrder({ uow, clock }),
    },
    requireUser: bearerAuth(authenticate),
    loginThrottle: new LoginThrottle(failures),
    checkReadiness: async () => {
      await sql`select 1`.execute(database.db);
    },
    metrics: {
      pool: pool ? () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) : undefined,
      outbox: () => outboxStats(database.db, 0),
    },
    inFlight: requestsInFlight,
    ...(config.sqlStatementCounter ? { statementTallies: { within: withStatementTally } } : {}),
  };

  // Without SMTP_URL, emails become .eml files: `npm start` needs no mail server.
  const mailer: Mailer & { close?(): void } =
    overrides.mailer ?? (config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new EmlFileMailer(config.mailDir, config.mailFrom));
  const deliverEvent = new DeliverEvent({ uow, mailer, messageIdDomain: config.mailDomain });
  const dispatcher = new OutboxDispatcher({
    queue: new SqlOutboxQueue(database.db, database.dialect, clock),
    deliver: (entry) => deliverEvent.execute({ eventId: entry.id, event: entry.event }),
    clock,
    logger: pino({ level: config.logLevel, name: 'outbox' }),
    options: {
      batchSize: 10,
      leaseMs: config.outbox.leaseMs,
      maxAttempts: config.outbox.maxAttempts,
      pollMs: config.outbox.pollMs,
      retry: { baseMs: config.outbox.retryBaseMs, maxMs: config.outbox.retryMaxMs },
      // Clients first: with this many requests in flight the server is saturated, and a backlog
      // of emails waits for the gaps (measured: a dispatcher draining 12,000 confirmations at
      // full speed cut registrations from 72 to 26/s and raised peak RSS from 176 to 233 MB).
      load: requestsInFlight,
    },
  });

  const close = async () => {
    await dispatcher.stop();
    mailer.close?.();
    if (failures instanceof RedisFailureStore) await failures.close();
    await database.close();
  };
  return { config, database, http, dispatcher, close };
};
