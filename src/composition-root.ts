import { sql } from 'kysely';
import pino from 'pino';
import { SeedDemo } from './application/demo/seed-demo.use-case.js';
import { PurgeExpiredTokens } from './application/maintenance/purge-expired-tokens.use-case.js';
import { PurgeIdempotencyKeys } from './application/maintenance/purge-idempotency-keys.use-case.js';
import { PurgeWebhookDeliveries } from './application/maintenance/purge-webhook-deliveries.use-case.js';
import { DeliverEvent } from './application/notifications/deliver-event.use-case.js';
import type { Mailer } from './application/ports/mailer.port.js';
import type { PasswordHasher } from './application/ports/password-hasher.port.js';
import { CreateProduct } from './application/catalog/create-product.use-case.js';
import { GetProduct } from './application/catalog/get-product.use-case.js';
import { ListProducts } from './application/catalog/list-products.use-case.js';
import { UpdateProduct } from './application/catalog/update-product.use-case.js';
import { ArchiveProduct } from './application/catalog/archive-product.use-case.js';
import { UnarchiveProduct } from './application/catalog/unarchive-product.use-case.js';
import { AdjustStock } from './application/catalog/adjust-stock.use-case.js';
import { ListStockMovements } from './application/catalog/list-stock-movements.use-case.js';
import { AddOrderItem } from './application/orders/add-order-item.use-case.js';
import { CancelOrder } from './application/orders/cancel-order.use-case.js';
import { ChangeOrderItem } from './application/orders/change-order-item.use-case.js';
import { ConfirmOrder } from './application/orders/confirm-order.use-case.js';
import { CreateOrder } from './application/orders/create-order.use-case.js';
import { GetOrder } from './application/orders/get-order.use-case.js';
import { ListOrders } from './application/orders/list-orders.use-case.js';
import { RemoveOrderItem } from './application/orders/remove-order-item.use-case.js';
import { ShipOrder } from './application/orders/ship-order.use-case.js';
import { DeliverOrder } from './application/orders/deliver-order.use-case.js';
import { GetOrderHistory } from './application/orders/get-order-history.use-case.js';
import { GetSalesReport } from './application/sales/get-sales-report.use-case.js';
import { AuthenticateRequest } from './application/users/authenticate-request.use-case.js';
import { CreateAdmin } from './application/users/create-admin.use-case.js';
import { ChangeEmail } from './application/users/change-email.use-case.js';
import { DeactivateUser } from './application/users/deactivate-user.use-case.js';
import { GetUser } from './application/users/get-user.use-case.js';
import { IssueToken } from './application/users/issue-token.use-case.js';
import { RegisterUser } from './application/users/register-user.use-case.js';
import { ChangePassword } from './application/users/change-password.use-case.js';
import { ConfirmPasswordReset } from './application/users/confirm-password-reset.use-case.js';
import { ListUsers } from './application/users/list-users.use-case.js';
import { LogOut } from './application/users/log-out.use-case.js';
import { ReactivateUser } from './application/users/reactivate-user.use-case.js';
import { RefreshSession } from './application/users/refresh-session.use-case.js';
import { RequestPasswordReset } from './application/users/request-password-reset.use-case.js';
import { ResetTokenIssuer } from './application/users/reset-token-issuer.js';
import { CreateWebhookEndpoint } from './application/webhooks/create-webhook-endpoint.use-case.js';
import { DeleteWebhookEndpoint } from './application/webhooks/delete-webhook-endpoint.use-case.js';
import type { ClaimedEvent } from './application/ports/outbox-queue.port.js';
import { FanOutWebhookEvent } from './application/webhooks/fan-out-webhook-event.use-case.js';
import { GetWebhookEndpoint } from './application/webhooks/get-webhook-endpoint.use-case.js';
import { ListWebhookDeliveries } from './application/webhooks/list-webhook-deliveries.use-case.js';
import { ListWebhookEndpoints } from './application/webhooks/list-webhook-endpoints.use-case.js';
import { RetryWebhookDelivery } from './application/webhooks/retry-webhook-delivery.use-case.js';
import { RotateWebhookSecret } from './application/webhooks/rotate-webhook-secret.use-case.js';
import { UpdateWebhookEndpoint } from './application/webhooks/update-webhook-endpoint.use-case.js';
import { SqlWebhookDeliveryQueue } from './infrastructure/db/repositories/sql-webhook-delivery-queue.js';
import { AesGcmWebhookSecrets } from './infrastructure/webhooks/aes-gcm-webhook-secrets.js';
import { HttpWebhookSender } from './infrastructure/webhooks/http-webhook-sender.js';
import { WebhookDeliveryWorker } from './infrastructure/webhooks/webhook-delivery-worker.js';
import { DnsWebhookUrlPolicy } from './infrastructure/webhooks/webhook-url-policy.js';
import { RandomSecretTokens } from './infrastructure/security/random-secret-tokens.js';
import { PASSWORD_RESET_ACCOUNT_LIMIT, PASSWORD_RESET_ADDRESS_WINDOW_MS, PasswordResetThrottle } from './infrastructure/throttle/password-reset-throttle.js';
import type { Clock } from './domain/shared/clock.port.js';
import type { IdGenerator } from './domain/shared/id-generator.port.js';
import type { AppConfig } from './infrastructure/config/config.js';
import { openDatabase, type Database } from './infrastructure/db/database.js';
import { KyselyUnitOfWork } from './infrastructure/db/kysely-unit-of-work.js';
import { countStatement, outsideStatementTally, withStatementTally } from './infrastructure/db/statement-counter.js';
import { migrateToLatest, requireCurrentSchema } from './infrastructure/db/migrate.js';
import { SqlOutboxQueue } from './infrastructure/db/repositories/sql-outbox-queue.js';
import { outboxStats } from './infrastructure/db/repositories/sql-outbox-admin.js';
import { sqlRepositories } from './infrastructure/db/sql-repositories.js';
import { waitForPostgres } from './infrastructure/db/postgres/wait-for-postgres.js';
import { PostgresOutboxListener } from './infrastructure/db/postgres/postgres-outbox-listener.js';
import { PostgresOutboxNotifier } from './infrastructure/db/postgres/postgres-outbox-notifier.js';
import { postgresClientConfig } from './infrastructure/db/postgres/postgres-pool.js';
import { EmlFileMailer } from './infrastructure/email/eml-file-mailer.js';
import { OutboxDispatcher } from './infrastructure/outbox/outbox-dispatcher.js';
import { BusinessMetrics } from './infrastructure/metrics/business-metrics.js';
import { countedEmailDelivery } from './infrastructure/metrics/counted-email-delivery.js';
import { CountingUnitOfWork } from './infrastructure/metrics/counting-unit-of-work.js';
import { SmtpMailer } from './infrastructure/email/smtp-mailer.js';
import { PeriodicJob } from './infrastructure/scheduling/periodic-job.js';
import { bearerAuth } from './infrastructure/http/auth.js';
import type { HttpDeps } from './infrastructure/http/http-deps.js';
import { InFlightRequests } from './infrastructure/http/in-flight-requests.js';
import { Argon2PasswordHasher } from './infrastructure/security/argon2-password-hasher.js';
import { JoseTokenService } from './infrastructure/security/jose-token-service.js';
import { resolveJwtSecret } from './infrastructure/security/jwt-secret.js';
import { SystemClock } from './infrastructure/system/system-clock.js';
import { UuidV7IdGenerator } from './infrastructure/system/uuid-v7-id-generator.js';
import type { AttemptStore } from './infrastructure/throttle/attempt.store.js';
import { InProcessAttemptStore } from './infrastructure/throttle/in-process-attempt.store.js';
import { LoginThrottle } from './infrastructure/throttle/login-throttle.js';
import { RedisAttemptStore } from './infrastructure/throttle/redis-attempt.store.js';
import { REGISTRATION_WINDOW_MS, RegistrationThrottle } from './infrastructure/throttle/registration-throttle.js';

/** How often the worker deletes idempotency keys past their 24 h and expired refresh and reset tokens. */
const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/** Requests in flight from which the server counts as saturated (the bench and most load tools use 8–64 connections). */
const BUSY_REQUESTS_IN_FLIGHT = 8;

/** Ports a test may swap (a fixed clock, a cheaper hasher); production uses the defaults. */
export interface Overrides {
  clock?: Clock;
  ids?: IdGenerator;
  hasher?: PasswordHasher;
  mailer?: Mailer;
  /** Throttle counters (e.g. a Redis store under a test's own key prefix); the caller closes it. */
  attempts?: AttemptStore;
}

export interface OperatorUseCases {
  createAdmin: CreateAdmin;
  seedDemo: SeedDemo;
  purgeIdempotencyKeys: PurgeIdempotencyKeys;
  purgeExpiredTokens: PurgeExpiredTokens;
  purgeWebhookDeliveries: PurgeWebhookDeliveries;
}

export interface Services {
  readonly config: AppConfig;
  readonly database: Database;
  readonly http: HttpDeps;
  /** The operator's use cases, for the CLI: never reachable over HTTP. */
  readonly useCases: OperatorUseCases;
  /** The outbox worker, not started: main.ts starts it when RUN_WORKER, `cli worker` always. */
  readonly dispatcher: OutboxDispatcher;
  /** The webhook delivery worker, not started: started beside the dispatcher (main.ts when RUN_WORKER, `cli worker`). */
  readonly webhookWorker: WebhookDeliveryWorker;
  /** The worker's periodic chores (expired idempotency keys), not started: started beside the dispatcher. */
  readonly housekeeping: PeriodicJob;
  /**
   * The business counters on /metrics. A webhook sender reports each attempt through
   * `metrics.webhookDelivery(outcome)` (the WebhookDeliveryMetrics port).
   */
  readonly metrics: BusinessMetrics;
  /** The migrations this start applied, for the start-up summary. */
  readonly migrationsApplied: readonly string[];
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
  // Before the database opens: a refused secret file leaves nothing open and nothing created.
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
  const databaseLog = pino({ level: config.logLevel, name: 'database' });
  const database = openDatabase(config.databaseUrl, {
    poolSize: config.database.poolSize,
    statementTimeoutMs: config.database.statementTimeoutMs,
    logger: databaseLog,
    ...(config.sqlStatementCounter ? { onStatement: countStatement } : {}),
  });
  let migrationsApplied: string[];
  try {
    // Containers start in any order: a database that is not up yet gets a bounded wait.
    if (database.pool) await waitForPostgres(database.pool, { maxWaitMs: config.database.startupWaitMs, logger: databaseLog });
    migrationsApplied = config.migrateOnStart ? await migrateToLatest(database) : await requireCurrentSchema(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  const metrics = new BusinessMetrics();
  // PostgreSQL: who is woken when a transaction committed events; set once the dispatcher exists, below.
  let outboxCommitted = (): void => undefined;
  // Counters see what each transaction committed, never what a rollback undid.
  const uow = new CountingUnitOfWork(
    new KyselyUnitOfWork(database.db, sqlRepositories(ids, { productViews: database.productReadModel }), database.reader, () => outboxCommitted()),
    (facts) => metrics.committed(facts),
  );
  const stock = { lowStockThreshold: config.lowStockThreshold };
  const tokens = new JoseTokenService(jwtSecret, config.tokenTtlSeconds, () => clock.now().getTime());
  const secrets = new RandomSecretTokens();
  const sessions = { tokens, secrets, clock, ids, refreshTtlSeconds: config.refreshTokenTtlSeconds };

  const authenticate = new AuthenticateRequest({ uow, tokens });
  // One node: counters in process. Many nodes: shared through Redis.
  const ownAttempts = overrides.attempts
    ? null
    : config.redisUrl
      ? new RedisAttemptStore(config.redisUrl)
      : new InProcessAttemptStore(() => clock.now().getTime());
  const attempts = overrides.attempts ?? ownAttempts!;
  const pool = database.pool;
  /** Requests being served, counted by the HTTP adapter; the outbox dispatcher's and the webhook worker's load signal. */
  const requestsInFlight = new InFlightRequests(BUSY_REQUESTS_IN_FLIGHT);
  // Webhook signing secrets are sealed under WEBHOOK_SECRET_KEY, or else the JWT secret (docs/adr/0140-webhook-secrets-and-delivery.md).
  const webhookSecrets = new AesGcmWebhookSecrets(config.webhooks.secretKey ?? jwtSecret);
  const webhookUrls = new DnsWebhookUrlPolicy({ allowPrivate: config.webhooks.allowPrivateUrls });
  const webhookQueue = new SqlWebhookDeliveryQueue(database.db, database.dialect, clock);
  const webhookSender = new HttpWebhookSender({ timeoutMs: config.webhooks.timeoutMs, allowPrivate: config.webhooks.allowPrivateUrls });
  const webhookWorker = new WebhookDeliveryWorker({
    queue: webhookQueue,
    metrics,
    secrets: webhookSecrets,
    send: (request) => webhookSender.send(request),
    clock,
    logger: pino({ level: config.logLevel, name: 'webhooks' }),
    options: {
      maxInFlight: config.webhooks.concurrency,
      perEndpoint: config.webhooks.perEndpoint,
      leaseMs: config.webhooks.leaseMs,
      pollMs: config.webhooks.pollMs,
      retry: { baseMs: config.webhooks.retryBaseMs, maxMs: config.webhooks.retryMaxMs, giveUpAfterMs: config.webhooks.giveUpAfterMs },
      // Clients first, as for the outbox (docs/adr/0006): under load, claims are batched.
      load: requestsInFlight,
    },
  });
  const http: HttpDeps = {
    users: {
      register: new RegisterUser({ uow, hasher, clock, ids }),
      issueToken: new IssueToken({ ...sessions, uow, hasher }),
      authenticate,
      get: new GetUser({ uow }),
      changeEmail: new ChangeEmail({ uow, clock }),
      deactivate: new DeactivateUser({ uow, clock }),
      reactivate: new ReactivateUser({ uow, clock }),
      list: new ListUsers({ uow }),
      refresh: new RefreshSession({ ...sessions, uow }),
      logOut: new LogOut({ uow, secrets, clock }),
      changePassword: new ChangePassword({ uow, hasher, clock }),
      requestPasswordReset: new RequestPasswordReset({ uow, clock }),
      confirmPasswordReset: new ConfirmPasswordReset({ uow, hasher, secrets, clock }),
    },
    products: {
      create: new CreateProduct({ uow, clock, ids }),
      get: new GetProduct({ uow }),
      list: new ListProducts({ uow }),
      update: new UpdateProduct({ uow, clock, stock }),
      archive: new ArchiveProduct({ uow, clock }),
      unarchive: new UnarchiveProduct({ uow, clock }),
      adjustStock: new AdjustStock({ uow, clock, stock }),
      stockMovements: new ListStockMovements({ uow }),
    },
    orders: {
      create: new CreateOrder({ uow, clock, ids }),
      get: new GetOrder({ uow }),
      list: new ListOrders({ uow }),
      addItem: new AddOrderItem({ uow, clock, ids }),
      changeItem: new ChangeOrderItem({ uow, clock }),
      removeItem: new RemoveOrderItem({ uow, clock }),
      confirm: new ConfirmOrder({ uow, clock, stock }),
      cancel: new CancelOrder({ uow, clock }),
      ship: new ShipOrder({ uow, clock }),
      deliver: new DeliverOrder({ uow, clock }),
      history: new GetOrderHistory({ uow }),
    },
    reports: {
      sales: new GetSalesReport({ uow }),
    },
    webhooks: {
      create: new CreateWebhookEndpoint({ uow, clock, ids, secrets: webhookSecrets, urls: webhookUrls }),
      get: new GetWebhookEndpoint({ uow }),
      list: new ListWebhookEndpoints({ uow }),
      update: new UpdateWebhookEndpoint({ uow, clock, urls: webhookUrls }),
      delete: new DeleteWebhookEndpoint({ uow }),
      rotateSecret: new RotateWebhookSecret({ uow, clock, secrets: webhookSecrets }),
      listDeliveries: new ListWebhookDeliveries({ uow }),
      retryDelivery: new RetryWebhookDelivery({ uow, clock }),
    },
    requireUser: bearerAuth(authenticate),
    loginThrottle: new LoginThrottle(attempts),
    passwordResetThrottle: new PasswordResetThrottle(attempts, {
      perAddress: { limit: config.passwordResetsPerAddress, windowMs: PASSWORD_RESET_ADDRESS_WINDOW_MS },
      perAccount: PASSWORD_RESET_ACCOUNT_LIMIT,
    }),
    registrationThrottle: new RegistrationThrottle(attempts, { perAddress: config.registrationsPerAddress, windowMs: REGISTRATION_WINDOW_MS }),
    checkReadiness: async () => {
      await sql`select 1`.execute(database.db);
    },
    metrics: {
      pool: pool ? () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) : undefined,
      outbox: () => outboxStats(database.db, 0),
      registries: [metrics.registry],
      webhooks: { deliveries: () => webhookQueue.counts() },
    },
    outcomes: metrics,
    inFlight: requestsInFlight,
    ...(config.sqlStatementCounter ? { statementTallies: { within: withStatementTally } } : {}),
  };

  const createAdmin = new CreateAdmin({ uow, hasher, clock, ids });
  const useCases: OperatorUseCases = {
    createAdmin,
    seedDemo: new SeedDemo({ users: { register: http.users.register, createAdmin }, products: http.products, orders: http.orders }),
    purgeIdempotencyKeys: new PurgeIdempotencyKeys({ uow, clock }),
    purgeExpiredTokens: new PurgeExpiredTokens({ uow, clock }),
    purgeWebhookDeliveries: new PurgeWebhookDeliveries({ uow, clock, retentionMs: config.webhooks.retentionDays * 86_400_000 }),
  };

  // Without SMTP_URL, emails become .eml files: `npm start` needs no mail server.
  const mailer: Mailer & { close?(): void } =
    overrides.mailer ?? (config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new EmlFileMailer(config.mailDir, config.mailFrom));
  const deliverEvent = new DeliverEvent({ uow, mailer, messageIdDomain: config.mailDomain, shop: config.shop, resetTokens: new ResetTokenIssuer({ uow, secrets, clock }) });
  const fanOut = new FanOutWebhookEvent({ uow, ids, clock });
  /** The claimed rows (by identity) whose batch was fanned out: their `deliver` skips it. */
  const fannedOut = new WeakSet<ClaimedEvent>();
  const sendEmail = countedEmailDelivery((entry) => deliverEvent.execute({ eventId: entry.id, event: entry.event }), (outcome) => metrics.email(outcome));
  const dispatcher = new OutboxDispatcher({
    queue: new SqlOutboxQueue(database.db, database.dialect, clock),
    // Webhooks first: recording their deliveries is one insert, and the worker (not this loop) sends
    // them, so a slow receiver never holds up an email. A repeat (the email failed) inserts nothing.
    // Only the email part is counted as an email: a failed fan-out is not an email outcome.
    // A claimed batch is fanned out at once (one transaction); a row its fan-out did not cover
    // (that fan-out failed) is fanned out on its own. A repeat inserts nothing.
    prepareBatch: async (batch) => {
      const counts = await fanOut.executeAll(batch.map((entry) => ({ eventId: entry.id, event: entry.event })));
      for (const entry of batch) fannedOut.add(entry);
      if (counts.some((n) => n > 0)) webhookWorker.nudge();
    },
    deliver: async (entry) => {
      if (!fannedOut.has(entry) && (await fanOut.execute({ eventId: entry.id, event: entry.event })) > 0) webhookWorker.nudge();
      return sendEmail(entry);
    },
    clock,
    logger: pino({ level: config.logLevel, name: 'outbox' }),
    options: {
      batchSize: 10,
      leaseMs: config.outbox.leaseMs,
      maxAttempts: config.outbox.maxAttempts,
      pollMs: config.outbox.pollMs,
      retry: { baseMs: config.outbox.retryBaseMs, maxMs: config.outbox.retryMaxMs },
      // Clients first: with this many requests in flight the server is saturated, and a backlog
      // of emails waits for the gaps (docs/adr/0006-outbox-yields-to-requests.md).
      load: requestsInFlight,
      safetyPollMs: config.outbox.safetyPollMs,
    },
    // PostgreSQL: woken by other processes' NOTIFY instead of polling (migration 0014).
    ...(database.dialect === 'postgres'
      ? { wakeUps: new PostgresOutboxListener(postgresClientConfig(config.databaseUrl, config.database.statementTimeoutMs), pino({ level: config.logLevel, name: 'outbox' })) }
      : {}),
  });

  // PostgreSQL: events committed here wake this process's dispatcher directly; a process running
  // none (RUN_WORKER=false, `cli` commands) notifies the others' after the commit (migration 0014).
  const outboxNotifier = database.dialect === 'postgres' ? PostgresOutboxNotifier.over(database.db, pino({ level: config.logLevel, name: 'outbox' })) : undefined;
  if (outboxNotifier) {
    outboxCommitted = () => (dispatcher.started ? dispatcher.workAdded() : outsideStatementTally(() => outboxNotifier.notify()));
  }

  const housekeeping = new PeriodicJob(
    'housekeeping',
    HOUSEKEEPING_INTERVAL_MS,
    async () => ({
      idempotencyKeys: await useCases.purgeIdempotencyKeys.execute(),
      ...(await useCases.purgeExpiredTokens.execute()),
      webhookDeliveries: await useCases.purgeWebhookDeliveries.execute(),
    }),
    pino({ level: config.logLevel, name: 'housekeeping' }),
  );

  const close = async () => {
    await housekeeping.stop();
    await dispatcher.stop();
    await outboxNotifier?.settled();
    await webhookWorker.stop();
    webhookSender.close();
    mailer.close?.();
    await ownAttempts?.close();
    await database.close();
  };
  return { config, database, http, useCases, dispatcher, webhookWorker, housekeeping, metrics, migrationsApplied, close };
};
