/**
 * Every environment variable loadConfig reads, with its default and meaning: the source of
 * .env.example (`npm run env:example` writes it; a test checks the committed file is current,
 * that this list names every variable config.ts reads, and that each default here is the real one).
 */
export interface EnvSetting {
  readonly name: string;
  /** What loadConfig uses when the variable is unset; undefined: nothing (the feature is off or generated). */
  readonly default: string | undefined;
  readonly description: string;
}

export interface EnvSettingGroup {
  readonly title: string;
  readonly settings: readonly EnvSetting[];
}

export const ENV_SETTINGS: readonly EnvSettingGroup[] = [
  {
    title: 'Server',
    settings: [
      { name: 'NODE_ENV', default: 'development', description: 'development, production or test. production requires JWT_SECRET.' },
      { name: 'HOST', default: '127.0.0.1', description: 'Listening address; 0.0.0.0 in a container.' },
      { name: 'PORT', default: '3000', description: 'Listening port (0: any free port).' },
      { name: 'LOG_LEVEL', default: 'info', description: 'pino level: fatal, error, warn, info, debug, trace or silent (default silent when NODE_ENV=test).' },
      { name: 'BODY_LIMIT', default: '65536', description: 'JSON body cap in bytes, 1024 to 1048576.' },
      { name: 'CORS_ORIGINS', default: undefined, description: 'Comma-separated origins allowed by CORS, e.g. https://shop.example.com; unset: CORS is off.' },
      { name: 'TRUST_PROXY', default: undefined, description: 'Comma-separated addresses/CIDRs of your reverse proxies (127.0.0.1, 10.0.0.0/8, loopback); the client address is\nthen the right-most X-Forwarded-For entry that is not one of them. true and hop counts are refused. Unset: no proxy.' },
      { name: 'HTTP_HEADERS_TIMEOUT_MS', default: '10000', description: 'The request line and headers must arrive within this many ms (else 408 and the connection is closed).' },
      { name: 'HTTP_REQUEST_TIMEOUT_MS', default: '30000', description: 'The whole request, body included, must arrive within this many ms (slow-loris clients get 408).' },
      { name: 'HTTP_IDLE_TIMEOUT_MS', default: '60000', description: 'A connection with no traffic at all is closed after this many ms.' },
      { name: 'METRICS_PORT', default: undefined, description: 'Serve GET /metrics on this port only (on HOST); the public port then answers /metrics with 404. Unset: /metrics on PORT.' },
      { name: 'REGISTRATIONS_PER_ADDRESS', default: '20', description: 'Registrations allowed per client address per 15 minutes; 0 turns the limit off.' },
    ],
  },
  {
    title: 'Storage',
    settings: [
      { name: 'DATA_DIR', default: './data', description: 'Holds the SQLite file, the generated JWT secret and the .eml mail sink.' },
      { name: 'DATABASE_URL', default: 'sqlite:./data/orders.sqlite', description: 'sqlite:<file> or postgres://user:pass@host:5432/db (default: sqlite:$DATA_DIR/orders.sqlite).' },
      { name: 'DATABASE_POOL_SIZE', default: '10', description: 'PostgreSQL: connections per process, 1 to 1000 (the outbox listener holds one more). Keep nodes × size under max_connections.' },
      { name: 'DATABASE_STATEMENT_TIMEOUT_MS', default: '10000', description: 'PostgreSQL: a statement running longer is cancelled by the server (statement_timeout), 100 to 3600000.' },
      { name: 'DATABASE_STARTUP_WAIT_MS', default: '30000', description: 'PostgreSQL: at start, retry an unreachable database with back-off (each try logged) for up to this many ms,\n0 to 600000; 0: one try. Containers may start in any order.' },
      { name: 'MIGRATE_ON_START', default: 'true', description: 'Apply pending migrations at start. false: start refuses a schema behind the code (run `cli migrate` first, e.g. in a controlled upgrade).' },
    ],
  },
  {
    title: 'Sign-in',
    settings: [
      { name: 'JWT_SECRET', default: undefined, description: 'HS256 signing secret, at least 32 bytes (openssl rand -base64 48). Required in production;\nunset otherwise: generated once into $DATA_DIR/jwt-secret (mode 0600).' },
      { name: 'TOKEN_TTL_SECONDS', default: '900', description: 'Access-token lifetime in seconds, 60 to 604800.' },
      { name: 'REFRESH_TOKEN_TTL_SECONDS', default: '2592000', description: 'Refresh-token lifetime in seconds (30 days), 60 to 31536000; each use rotates it.' },
      { name: 'PASSWORD_RESETS_PER_ADDRESS', default: '10', description: 'Password-reset requests per client address per 15 minutes; 0 turns the limit off.' },
    ],
  },
  {
    title: 'Email',
    settings: [
      { name: 'SMTP_URL', default: undefined, description: 'smtp://user:pass@mail.example.com:587 or smtps://…; unset: emails are written as .eml files under MAIL_DIR.' },
      { name: 'MAIL_DIR', default: './data/mail', description: 'Where the .eml sink writes (default: $DATA_DIR/mail).' },
      { name: 'MAIL_FROM', default: 'Orders <no-reply@orders.localhost>', description: 'Sender, "Name <address>" or an address; its domain names the Message-IDs (default: SHOP_NAME <no-reply@orders.localhost>).' },
    ],
  },
  {
    title: 'Shop (what the emails say)',
    settings: [
      { name: 'SHOP_NAME', default: 'Orders', description: "The shop's name in every email's subject, body and signature, and the sender's name; at most 100 characters." },
      { name: 'SHOP_URL', default: undefined, description: "The shop's site (http:// or https://), linked from every email; unset: no link." },
      { name: 'SUPPORT_EMAIL', default: undefined, description: 'Where customers can write; every email says so. Unset: no support line.' },
    ],
  },
  {
    title: 'Catalog',
    settings: [
      { name: 'LOW_STOCK_THRESHOLD', default: '5', description: 'A StockLow event is raised when a stock change takes a product from above this to at or below it; 0 to 1000000000.' },
    ],
  },
  {
    title: 'Outbox (email delivery)',
    settings: [
      { name: 'RUN_WORKER', default: 'true', description: 'Run the outbox dispatcher in the server; false: run `node dist/src/cli.js worker` separately.' },
      { name: 'OUTBOX_LEASE_MS', default: '60000', description: "How long a claimed event belongs to its worker; a crashed worker's events are retried after it." },
      { name: 'OUTBOX_MAX_ATTEMPTS', default: '10', description: 'Delivery attempts before an event is parked as dead.' },
      { name: 'OUTBOX_POLL_MS', default: '250', description: 'Dispatcher pause when there is nothing to send (SQLite). PostgreSQL wakes on NOTIFY instead and waits this long only\nbetween batches under load or while its listening connection is re-opened.' },
      { name: 'OUTBOX_SAFETY_POLL_MS', default: '60000', description: 'PostgreSQL: the longest an idle dispatcher sleeps without a notification (a safety net), 1000 to 3600000.\nRetries and expired leases wake it when they fall due.' },
      { name: 'OUTBOX_RETRY_BASE_MS', default: '1000', description: 'Retry delay: random below min(OUTBOX_RETRY_MAX_MS, OUTBOX_RETRY_BASE_MS * 2^(attempt-1)).' },
      { name: 'OUTBOX_RETRY_MAX_MS', default: '600000', description: 'Upper bound of the retry delay; not below OUTBOX_RETRY_BASE_MS.' },
    ],
  },
  {
    title: 'Webhooks',
    settings: [
      { name: 'WEBHOOK_ALLOW_PRIVATE_URLS', default: 'false', description: 'true: webhook URLs may point to loopback, private, link-local and metadata addresses (development and tests only: it turns the SSRF guard off).' },
      { name: 'WEBHOOK_SECRET_KEY', default: undefined, description: 'Key material (at least 32 bytes) the webhook signing secrets are encrypted under (AES-256-GCM, HKDF-derived);\nunset: derived from the JWT secret, so changing JWT_SECRET then makes the stored secrets unreadable (rotate them).' },
      { name: 'WEBHOOK_TIMEOUT_MS', default: '10000', description: 'One delivery attempt (connect, send, answer) must finish within this many ms, 100 to 60000.' },
      { name: 'WEBHOOK_RETRY_BASE_MS', default: '30000', description: 'Delay after the first failed attempt: random in [c/2, c) with c = min(WEBHOOK_RETRY_MAX_MS, WEBHOOK_RETRY_BASE_MS * 2^(failures-1));\nat most 60000, so the first three attempts fall within 3 minutes.' },
      { name: 'WEBHOOK_RETRY_MAX_MS', default: '3600000', description: 'Upper bound of the retry delay; not below WEBHOOK_RETRY_BASE_MS.' },
      { name: 'WEBHOOK_GIVE_UP_AFTER_MS', default: '86400000', description: 'A delivery still failing this long after it was recorded (or retried by hand) is marked failed.' },
      { name: 'WEBHOOK_CONCURRENCY', default: '16', description: 'Delivery attempts in flight per worker process, all endpoints together.' },
      { name: 'WEBHOOK_CONCURRENCY_PER_ENDPOINT', default: '4', description: 'Delivery attempts in flight per worker process to one endpoint: a slow receiver holds at most this many.' },
      { name: 'WEBHOOK_LEASE_MS', default: '60000', description: "How long a claimed delivery belongs to its worker; above WEBHOOK_TIMEOUT_MS. A crashed worker's deliveries are sent again after it." },
      { name: 'WEBHOOK_DELIVERY_RETENTION_DAYS', default: '30', description: 'Succeeded and failed deliveries older than this many days are deleted (hourly, by the worker); pending ones never are.' },
      { name: 'WEBHOOK_POLL_MS', default: '250', description: 'Delivery worker pause when nothing is due (new events wake it at once in the process that records them).' },
    ],
  },
  {
    title: 'Scaling out',
    settings: [
      { name: 'REDIS_URL', default: undefined, description: 'redis://host:6379: the login throttle shared by every node; unset: each process keeps its own.' },
    ],
  },
  {
    title: 'Debugging',
    settings: [
      { name: 'SQL_STATEMENT_COUNTER', default: 'false', description: "Answer every request's SQL statement count in an x-sql-statements header." },
    ],
  },
];

/** The text of .env.example: every setting commented out at its default, so uncommenting a line changes nothing. */
export const renderEnvExample = (groups: readonly EnvSettingGroup[] = ENV_SETTINGS): string => {
  const out = [
    '# The orders service reads these environment variables (see docs/deployment.md).',
    '# Each line shows the default; uncomment and change what you need, e.g. in .env for',
    '# docker compose or the systemd unit\'s EnvironmentFile. Values are not quoted.',
    '# Generated from src/infrastructure/config/env-settings.ts by `npm run env:example`: edit that file, not this one.',
  ];
  for (const group of groups) {
    out.push('', `# ---- ${group.title}`);
    for (const setting of group.settings) {
      out.push('', ...setting.description.split('\n').map((line) => `# ${line}`), `#${setting.name}=${setting.default ?? ''}`);
    }
  }
  return `${out.join('\n')}\n`;
};
