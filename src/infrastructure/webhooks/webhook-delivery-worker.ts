import type { WebhookSecrets } from '../../application/ports/webhook-secrets.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { ClaimedDelivery, SqlWebhookDeliveryQueue } from '../db/repositories/sql-webhook-delivery-queue.js';
import type { AttemptResult, WebhookRequest } from './http-webhook-sender.js';
import { signWebhook } from './webhook-signature.js';
import { nextAttemptAt, type WebhookRetryPolicy } from './webhook-retry-schedule.js';
import type { WebhookDeliveryMetrics } from '../../application/ports/webhook-delivery-metrics.port.js';

export interface WebhookWorkerOptions {
  /** Attempts in flight in this process, all endpoints together. */
  readonly maxInFlight: number;
  /** Attempts in flight in this process for one endpoint: a slow endpoint holds at most this many slots. */
  readonly perEndpoint: number;
  /** How long a claim lasts: longer than one attempt can take (the timeout), so only a dead worker's rows come back. */
  readonly leaseMs: number;
  /** Pause between polls when nothing is due. */
  readonly pollMs: number;
  readonly retry: WebhookRetryPolicy;
  /**
   * While it reports the process busy with requests, a freed slot is not refilled at once: the
   * worker claims again when all its attempts have ended (or at the next poll), one claim for
   * several deliveries instead of one each — fewer transactions on the database the requests need.
   */
  readonly load?: { busy(): boolean };
  readonly random?: () => number;
}

/** How an attempt ended, for `webhook_deliveries_total{outcome}`. */
export type WebhookOutcome = 'succeeded' | 'retrying' | 'failed';

export interface WebhookWorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const USER_AGENT = 'orders-service-webhooks/1';
/** Opened signing secrets kept (one per endpoint in use; a shop has a handful). */
const OPENED_SECRETS_KEPT = 256;

/**
 * Sends due webhook deliveries. Unlike the outbox dispatcher it does not work in batches: each
 * claimed delivery is sent on its own, and a freed slot is filled at once, so a receiver that
 * takes its full 10 s holds only its own slots (`perEndpoint`) while every other endpoint's
 * deliveries flow past it. Delivery is at least once: a crash after the receiver answered but
 * before the outcome is recorded sends the same body, with the same `webhook-id`, again after
 * the lease.
 */
export class WebhookDeliveryWorker {
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private nudged = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly perEndpoint = new Map<string, number>();
  private readonly tallies = new Map<WebhookOutcome, number>();
  /**
   * Opened secrets by their sealed form: AES-GCM per attempt cost more than the HMAC it keys.
   * Only a cache (the database holds the sealed secret): a rotation seals a new ciphertext, so
   * the old entry is simply never asked for again; bounded, oldest dropped first.
   */
  private readonly opened = new Map<string, string>();

  constructor(
    private readonly deps: {
      queue: Pick<SqlWebhookDeliveryQueue, 'claim' | 'record'>;
      /** Where each attempt's outcome is counted for /metrics (`webhook_deliveries_total`). */
      metrics?: WebhookDeliveryMetrics;
      secrets: WebhookSecrets;
      send: (request: WebhookRequest) => Promise<AttemptResult>;
      clock: Clock;
      logger: WebhookWorkerLogger;
      options: WebhookWorkerOptions;
    },
  ) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
    this.deps.logger.info({ maxInFlight: this.deps.options.maxInFlight, perEndpoint: this.deps.options.perEndpoint }, 'webhook worker started');
  }

  /** Stops claiming and resolves once the attempts in flight have ended (each within its timeout). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.wake?.();
    await this.running;
    await Promise.all(this.inFlight);
    this.running = null;
    this.deps.logger.info({}, 'webhook worker stopped');
  }

  /**
   * New deliveries were recorded (a fan-out in this process): look now rather than at the next
   * poll — unless the process is busy with requests, where one claim per event would cost the
   * database a transaction each; the next poll takes them together.
   */
  nudge(): void {
    if (this.deps.options.load?.busy() === true) return;
    this.nudged = true;
    this.wake?.();
  }

  /** Attempts by outcome since this process started. */
  outcomes(): ReadonlyMap<WebhookOutcome, number> {
    return this.tallies;
  }

  private async claim(): Promise<ClaimedDelivery[]> {
    const { maxInFlight, perEndpoint, leaseMs } = this.deps.options;
    return this.deps.queue.claim({ limit: maxInFlight - this.inFlight.size, leaseMs, inFlight: this.perEndpoint, perEndpoint });
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const free = this.deps.options.maxInFlight - this.inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      if (free > 0) {
        try {
          claimed = await this.claim();
        } catch (err) {
          this.deps.logger.error({ err }, 'webhook claim failed; retrying after the poll interval');
        }
        for (const delivery of claimed) this.launch(delivery);
      }
      // A full claim means more may be due: claim again at once (if slots remain).
      if (claimed.length === 0 || claimed.length < free || this.inFlight.size >= this.deps.options.maxInFlight) await this.pause();
    }
  }

  private launch(delivery: ClaimedDelivery): void {
    this.perEndpoint.set(delivery.endpointId, (this.perEndpoint.get(delivery.endpointId) ?? 0) + 1);
    const task = this.attempt(delivery).finally(() => {
      const wasSaturated =
        this.inFlight.size >= this.deps.options.maxInFlight || (this.perEndpoint.get(delivery.endpointId) ?? 0) >= this.deps.options.perEndpoint;
      const left = (this.perEndpoint.get(delivery.endpointId) ?? 1) - 1;
      if (left === 0) this.perEndpoint.delete(delivery.endpointId);
      else this.perEndpoint.set(delivery.endpointId, left);
      this.inFlight.delete(task);
      // A freed slot may let through rows the last claim had to leave (under load: once every attempt has ended).
      if (wasSaturated && (this.deps.options.load?.busy() !== true || this.inFlight.size === 0)) this.wake?.();
    });
    this.inFlight.add(task);
  }

  private pause(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    // A nudge that came while the loop was claiming is not lost: the pause ends at once.
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.nudged = false;
        resolve();
      };
      const timer = setTimeout(done, this.deps.options.pollMs);
      this.wake = done;
    });
  }

  private secretOf(sealed: string): string {
    let secret = this.opened.get(sealed);
    if (secret === undefined) {
      secret = this.deps.secrets.open(sealed);
      if (this.opened.size >= OPENED_SECRETS_KEPT) this.opened.delete(this.opened.keys().next().value as string);
      this.opened.set(sealed, secret);
    }
    return secret;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { clock, logger } = this.deps;
    const log = { deliveryId: delivery.id, eventId: delivery.eventId, endpointId: delivery.endpointId, attempt: delivery.attempts };
    let result: AttemptResult;
    try {
      const secret = this.secretOf(delivery.secretCiphertext);
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      result = await this.deps.send({
        url: delivery.url,
        body: delivery.payload,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'webhook-id': delivery.eventId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, delivery.eventId, timestamp, delivery.payload),
        },
      });
    } catch (err) {
      // The secret does not open (WEBHOOK_SECRET_KEY changed?) or the sender broke: the operator must look.
      logger.error({ ...log, err }, 'webhook attempt could not be made');
      result = { error: 'could not sign or send (see the server log)' };
    }
    const succeeded = 'statusCode' in result && result.statusCode >= 200 && result.statusCode < 300;
    const statusCode = 'statusCode' in result ? result.statusCode : null;
    const error = succeeded ? null : 'error' in result ? result.error : `HTTP ${statusCode}`;
    const next = succeeded ? null : nextAttemptAt(delivery.attempts, delivery.windowStart, clock.now(), this.deps.options.retry, this.deps.options.random);
    const outcome: WebhookOutcome = succeeded ? 'succeeded' : next === null ? 'failed' : 'retrying';
    this.tallies.set(outcome, (this.tallies.get(outcome) ?? 0) + 1);
    this.deps.metrics?.webhookDelivery(outcome);
    if (outcome === 'failed') logger.warn({ ...log, statusCode, error }, 'webhook delivery failed for good; retry it by hand once the receiver works');
    else if (outcome === 'retrying') logger.info({ ...log, statusCode, error, nextAttemptAt: next }, 'webhook attempt failed; will retry');
    try {
      await this.deps.queue.record(delivery, { succeeded, statusCode, error, nextAttemptAt: next });
    } catch (err) {
      // The lease runs out and the delivery is attempted again: at least once, never lost.
      logger.error({ ...log, err }, 'could not record a webhook attempt; it is repeated after its lease');
    }
  }
}
