import { DEFAULT_SHOP, type ShopBranding } from '../../application/notifications/templates/shop-branding.js';
import { Email } from '../../domain/users/email.value-object.js';
import { bool, ConfigError, int, url } from './env-values.js';
import { trustProxy, type TrustProxy } from './trust-proxy.js';

/**
 * Configuration comes only from environment variables (12-factor). `loadConfig`
 * validates everything up front; a bad value is a ConfigError naming the variable,
 * which main.ts prints as one line before exiting.
 */
export { ConfigError } from './env-values.js';
export type { TrustProxy } from './trust-proxy.js';

export type NodeEnv = 'development' | 'production' | 'test';

/** The outbox dispatcher's tuning (OUTBOX_* variables). */
export interface OutboxConfig {
  /** How long a claimed row stays with its worker; a crashed worker's rows return after it. */
  leaseMs: number;
  /** Attempts before a failing row is parked as dead. */
  maxAttempts: number;
  /** Pause between polls when there is nothing to do (SQLite; PostgreSQL while busy or not listening). */
  pollMs: number;
  /** PostgreSQL, woken by NOTIFY: the longest idle sleep, a safety net for a lost notification. */
  safetyPollMs: number;
  /** Retry delay: full jitter below min(retryMaxMs, retryBaseMs·2^(attempt−1)). */
  retryBaseMs: number;
  retryMaxMs: number;
}

/** The PostgreSQL pool (DATABASE_* variables); SQLite ignores them. */
export interface DatabasePoolConfig {
  /** Connections per process. */
  poolSize: number;
  /** Server-side statement_timeout. */
  statementTimeoutMs: number;
  /** How long start retries an unreachable database before giving up (0: one try). */
  startupWaitMs: number;
}

/** Webhook delivery (WEBHOOK_* variables). */
export interface WebhookConfig {
  /** Development and tests: the SSRF guard off. */
  allowPrivateUrls: boolean;
  /** Key material for the secrets' encryption; undefined: the JWT secret. */
  secretKey: string | undefined;
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  giveUpAfterMs: number;
  concurrency: number;
  perEndpoint: number;
  leaseMs: number;
  pollMs: number;
  /** Finished deliveries older than this many days are deleted by the hourly housekeeping. */
  retentionDays: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  /** `sqlite:<file>` / `sqlite::memory:` or `postgres://…`. */
  databaseUrl: string;
  dataDir: string;
  database: DatabasePoolConfig;
  /** Undefined: generate one and keep it under dataDir (refused in production). */
  jwtSecret: string | undefined;
  /** Access tokens' lifetime: short, since refresh tokens renew them. */
  tokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Password reset requests allowed per client address per 15 minutes; 0 turns that limit off. */
  passwordResetsPerAddress: number;
  smtpUrl: string | undefined;
  mailDir: string;
  mailFrom: string;
  /** The domain of MAIL_FROM's address: Message-IDs are minted under it. */
  mailDomain: string;
  outbox: OutboxConfig;
  webhooks: WebhookConfig;
  /** SHOP_NAME, SHOP_URL, SUPPORT_EMAIL: whose emails these are. */
  shop: ShopBranding;
  /** LOW_STOCK_THRESHOLD: stock at or below it is low (a fall across it raises StockLow). */
  lowStockThreshold: number;
  logLevel: string;
  /** Default JSON body cap in bytes (the contract: 64 KiB; never above 1 MiB). */
  bodyLimit: number;
  corsOrigins: string[];
  redisUrl: string | undefined;
  /** Run the outbox dispatcher inside the server process. */
  runWorker: boolean;
  /** MIGRATE_ON_START: bring the schema up to date at start (default), or refuse to run against one behind the code. */
  migrateOnStart: boolean;
  /** Proxies in front of the server (TRUST_PROXY): none, a number of hops, or their addresses/CIDRs. */
  trustProxy: TrustProxy;
  /** Registrations allowed per client address per 15 minutes; 0 turns the throttle off. */
  registrationsPerAddress: number;
  /** Debug: count SQL statements per request into an `x-sql-statements` response header (SQL_STATEMENT_COUNTER). */
  sqlStatementCounter: boolean;
  /** How long a client may take to send a request (HTTP_*_TIMEOUT_MS variables). */
  httpTimeouts: HttpTimeoutsConfig;
  /** When set, /metrics is served on this port only (METRICS_PORT), not on the public one. */
  metricsPort: number | undefined;
}

/** Server-side limits on slow clients, in milliseconds (see docs/http-edge.md). */
export interface HttpTimeoutsConfig {
  /** The whole request line and headers must arrive within this. */
  headersMs: number;
  /** The whole request, body included, must arrive within this (slow-loris bodies). */
  requestMs: number;
  /** A socket with no traffic at all for this long is closed. */
  idleMs: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MIB = 1024 * 1024;
/** The shortest HS256 signing key accepted, whether from JWT_SECRET or the generated file. */
export const MIN_JWT_SECRET_BYTES = 32;

// `Name <local@domain>` or a bare `local@domain`; the domain is captured.
const MAIL_ADDRESS = /^(?:[^<>]*<[^<>@\s]+@([^<>@\s]+)>|[^<>@\s]+@([^<>@\s]+))$/;

const mailDomainOf = (mailFrom: string): string => {
  const match = MAIL_ADDRESS.exec(mailFrom.trim());
  const domain = match?.[1] ?? match?.[2];
  if (!domain) throw new ConfigError('MAIL_FROM', 'must be an address such as "Orders <no-reply@example.com>"');
  return domain;
};

// Control characters (a CR/LF would end a mail header) and angle brackets (MAIL_FROM's default is `SHOP_NAME <…>`).
const UNSAFE_NAME = /[\p{Cc}<>]/u;

const shopConfig = (env: Record<string, string | undefined>): ShopBranding => {
  const name = (env.SHOP_NAME ?? '').trim() || DEFAULT_SHOP.name;
  if (name.length > 100 || UNSAFE_NAME.test(name)) {
    throw new ConfigError('SHOP_NAME', 'must be at most 100 characters, without control characters or < >');
  }
  const shopUrl = url('SHOP_URL', env.SHOP_URL, ['https:', 'http:']);
  let supportEmail: string | undefined;
  if (env.SUPPORT_EMAIL) {
    try {
      supportEmail = Email.parse(env.SUPPORT_EMAIL).value;
    } catch {
      throw new ConfigError('SUPPORT_EMAIL', 'must be an email address such as help@example.com');
    }
  }
  return { name, url: shopUrl, supportEmail };
};

const outboxConfig = (env: Record<string, string | undefined>): OutboxConfig => {
  const retryBaseMs = int(env, 'OUTBOX_RETRY_BASE_MS', 1_000, 10, 3_600_000);
  const retryMaxMs = int(env, 'OUTBOX_RETRY_MAX_MS', 600_000, 10, 86_400_000);
  if (retryMaxMs < retryBaseMs) throw new ConfigError('OUTBOX_RETRY_MAX_MS', 'must not be below OUTBOX_RETRY_BASE_MS');
  return {
    leaseMs: int(env, 'OUTBOX_LEASE_MS', 60_000, 100, 3_600_000),
    maxAttempts: int(env, 'OUTBOX_MAX_ATTEMPTS', 10, 1, 100),
    pollMs: int(env, 'OUTBOX_POLL_MS', 250, 10, 60_000),
    safetyPollMs: int(env, 'OUTBOX_SAFETY_POLL_MS', 60_000, 1_000, 3_600_000),
    retryBaseMs,
    retryMaxMs,
  };
};

const webhookConfig = (env: Record<string, string | undefined>): WebhookConfig => {
  const secretKey = env.WEBHOOK_SECRET_KEY || undefined;
  if (secretKey !== undefined && Buffer.byteLength(secretKey) < 32) {
    throw new ConfigError('WEBHOOK_SECRET_KEY', 'must be at least 32 bytes (e.g. `openssl rand -base64 48`)');
  }
  const timeoutMs = int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000);
  const retryBaseMs = int(env, 'WEBHOOK_RETRY_BASE_MS', 30_000, 10, 60_000);
  const retryMaxMs = int(env, 'WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000);
  if (retryMaxMs < retryBaseMs) throw new ConfigError('WEBHOOK_RETRY_MAX_MS', 'must not be below WEBHOOK_RETRY_BASE_MS');
  const leaseMs = int(env, 'WEBHOOK_LEASE_MS', 60_000, 200, 3_600_000);
  if (leaseMs <= timeoutMs) throw new ConfigError('WEBHOOK_LEASE_MS', 'must be above WEBHOOK_TIMEOUT_MS');
  return {
    allowPrivateUrls: bool(env, 'WEBHOOK_ALLOW_PRIVATE_URLS', false),
    secretKey,
    timeoutMs,
    retryBaseMs,
    retryMaxMs,
    giveUpAfterMs: int(env, 'WEBHOOK_GIVE_UP_AFTER_MS', 86_400_000, 1_000, 30 * 86_400_000),
    concurrency: int(env, 'WEBHOOK_CONCURRENCY', 16, 1, 256),
    perEndpoint: int(env, 'WEBHOOK_CONCURRENCY_PER_ENDPOINT', 4, 1, 256),
    leaseMs,
    pollMs: int(env, 'WEBHOOK_POLL_MS', 250, 10, 60_000),
    retentionDays: int(env, 'WEBHOOK_DELIVERY_RETENTION_DAYS', 30, 1, 3_650),
  };
};

const httpTimeouts = (env: Record<string, string | undefined>): HttpTimeoutsConfig => {
  const headersMs = int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
  const requestMs = int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
  // Node refuses a headers timeout above the request timeout: say so in our own words.
  if (headersMs > requestMs) throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', 'must not be above HTTP_REQUEST_TIMEOUT_MS');
  return { headersMs, requestMs, idleMs: int(env, 'HTTP_IDLE_TIMEOUT_MS', 60_000, 100, 3_600_000) };
};

const metricsPort = (env: Record<string, string | undefined>, port: number): number | undefined => {
  if (env.METRICS_PORT === undefined || env.METRICS_PORT === '') return undefined;
  const n = int(env, 'METRICS_PORT', 0, 0, 65535);
  if (n !== 0 && n === port) throw new ConfigError('METRICS_PORT', 'must differ from PORT');
  return n;
};

export const loadConfig = (env: Record<string, string | undefined> = process.env): AppConfig => {
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as NodeEnv;
  const dataDir = env.DATA_DIR || './data';

  const databaseUrl = env.DATABASE_URL || `sqlite:${dataDir}/orders.sqlite`;
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be sqlite:<file> or postgres://user@host:port/db');
  }
  if (databaseUrl.startsWith('postgres')) url('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);

  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < MIN_JWT_SECRET_BYTES) {
    throw new ConfigError('JWT_SECRET', `must be at least ${MIN_JWT_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`)`);
  }
  if (nodeEnv === 'production' && jwtSecret === undefined) {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }

  const logLevel = env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);

  const host = env.HOST || '127.0.0.1';
  const shop = shopConfig(env);
  // The sender's name is the shop's unless MAIL_FROM says otherwise.
  const mailFrom = env.MAIL_FROM || `${shop.name} <no-reply@orders.localhost>`;
  const port = int(env, 'PORT', 3000, 0, 65535);

  return {
    nodeEnv,
    host,
    port,
    databaseUrl,
    dataDir,
    database: {
      poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 1_000),
      statementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 100, 3_600_000),
      startupWaitMs: int(env, 'DATABASE_STARTUP_WAIT_MS', 30_000, 0, 600_000),
    },
    jwtSecret,
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 15 * 60, 60, 7 * 24 * 3600),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 60, 365 * 24 * 3600),
    passwordResetsPerAddress: int(env, 'PASSWORD_RESETS_PER_ADDRESS', 10, 0, 1_000_000),
    smtpUrl: url('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']),
    mailDir: env.MAIL_DIR || `${dataDir}/mail`,
    mailFrom,
    mailDomain: mailDomainOf(mailFrom),
    outbox: outboxConfig(env),
    webhooks: webhookConfig(env),
    shop,
    lowStockThreshold: int(env, 'LOW_STOCK_THRESHOLD', 5, 0, 1_000_000_000),
    logLevel,
    bodyLimit: int(env, 'BODY_LIMIT', 64 * 1024, 1024, MIB),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    redisUrl: url('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    runWorker: bool(env, 'RUN_WORKER', true),
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
    trustProxy: trustProxy(env.TRUST_PROXY),
    registrationsPerAddress: int(env, 'REGISTRATIONS_PER_ADDRESS', 20, 0, 1_000_000),
    sqlStatementCounter: bool(env, 'SQL_STATEMENT_COUNTER', false),
    httpTimeouts: httpTimeouts(env),
    metricsPort: metricsPort(env, port),
  };
};
