import pg from 'pg';
import { OUTBOX_CHANNEL } from '../migrations/0010-outbox-notify.js';

export interface ListenerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * The outbox dispatcher's wake-up on PostgreSQL: one dedicated connection (outside the pool,
 * which would hand it to requests) LISTENs on the channel that processes without a dispatcher
 * notify after committing events (postgres-outbox-notifier.ts, `outbox retry-dead`). A lost
 * connection is re-opened with capped back-off; every (re)connect wakes the dispatcher too,
 * since notifications sent while nobody listened are gone.
 */
export class PostgresOutboxListener {
  private client: pg.Client | null = null;
  private stopped = true;
  private wake: () => void = () => undefined;
  private retry: NodeJS.Timeout | undefined;
  private delayMs: number;
  private connected = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly logger: ListenerLogger,
    private readonly backoff = { firstDelayMs: 250, maxDelayMs: 10_000 },
  ) {
    this.delayMs = backoff.firstDelayMs;
  }

  start(wake: () => void): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake = wake;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Whether the LISTEN is in place: until it is, the dispatcher polls. */
  get listening(): boolean {
    return this.connected;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client(this.config);
    this.client = client;
    this.connected = false;
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.client !== client) return;
    if (this.delayMs > this.backoff.firstDelayMs) this.logger.info({}, 'outbox listener reconnected');
    this.connected = true;
    this.delayMs = this.backoff.firstDelayMs;
    this.wake();
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.connected = false;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn({ err, retryInMs: this.delayMs }, 'outbox listener lost its connection; the dispatcher polls until it is back');
    this.retry = setTimeout(() => void this.connect(), this.delayMs);
    this.delayMs = Math.min(this.delayMs * 2, this.backoff.maxDelayMs);
  }
}
