import type { ClaimedEvent, OutboxQueue } from '../../application/ports/outbox-queue.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import { retryDelayMs, type BackoffPolicy } from './retry-backoff.js';

export interface DispatcherOptions {
  /** Rows claimed per round; a full batch means "more may be waiting", so the next round starts at once. */
  readonly batchSize: number;
  /** How long a claim lasts; must exceed the time one batch can take. */
  readonly leaseMs: number;
  /** After this many attempts a failing row is parked as dead. */
  readonly maxAttempts: number;
  /** Pause between rounds when the outbox had nothing more to do. */
  readonly pollMs: number;
  readonly retry: BackoffPolicy;
  /**
   * While it reports the process busy with foreground work, a full batch waits `pollMs` before
   * the next instead of starting it at once: a backlog drains in the gaps, at least one batch
   * per `pollMs`, rather than taking the event loop from clients. Absent: never busy.
   */
  readonly load?: LoadSignal;
  /**
   * With `wakeUps`: the longest the dispatcher sleeps when nothing is due — a safety net for a
   * lost notification; retries and expired leases wake it when they fall due.
   */
  readonly safetyPollMs?: number;
  readonly random?: () => number;
}

/**
 * Tells the dispatcher new work may be waiting (PostgreSQL: LISTEN on the channel other processes
 * notify after committing events). With it, an idle dispatcher sends no queries until woken
 * (by it, or by `workAdded` for this process's own commits); without it, it polls.
 */
export interface WakeUps {
  /** Calls `wake` on every signal, and after any gap in which a signal may have been missed (a reconnect). */
  start(wake: () => void): void;
  stop(): Promise<void>;
  /** False while signals cannot arrive (the connection is being re-opened): the dispatcher polls meanwhile. */
  readonly listening: boolean;
}

/** How loaded the process is with foreground work (the server's requests in flight); the composition root supplies it. */
export interface LoadSignal {
  busy(): boolean;
}

export interface DispatcherLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const MAX_ERROR_LENGTH = 2_000;

const errorText = (err: unknown): string =>
  (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, MAX_ERROR_LENGTH);

/**
 * The outbox worker: claims due rows, delivers each, and records the outcome.
 * Delivery is at least once — a crash between the effect and `complete` repeats
 * the effect after the lease — so deliveries must be recognisable (Message-ID).
 */
export class OutboxDispatcher {
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly deps: {
      queue: OutboxQueue;
      deliver: (entry: ClaimedEvent) => Promise<unknown>;
      /**
       * Work done once for a whole claimed batch before its rows are delivered one by one (the
       * webhook fan-out: one transaction for the batch). If it fails, each row's `deliver` must
       * still do what it would have done, so a failure here only costs time.
       */
      prepareBatch?: (batch: readonly ClaimedEvent[]) => Promise<void>;
      clock: Clock;
      logger: DispatcherLogger;
      options: DispatcherOptions;
      wakeUps?: WakeUps;
    },
  ) {}

  /** A signal came while a round ran: the next pause ends at once (or as soon as the load allows). */
  private signalled = false;
  private readonly nudge = (): void => {
    this.signalled = true;
    this.wake?.();
  };

  /** Whether the loop runs: then work this process commits wakes it directly (`workAdded`). */
  get started(): boolean {
    return this.running !== null;
  }

  /** This process committed new events: the same as a notification (under load, not before `pollMs`). */
  workAdded(): void {
    this.nudge();
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.deps.wakeUps?.start(this.nudge);
    this.running = this.loop();
    this.deps.logger.info({ leaseMs: this.deps.options.leaseMs }, 'outbox dispatcher started');
  }

  /** Stops polling and resolves once the in-flight batch is finished. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.wake?.();
    await this.running;
    await this.deps.wakeUps?.stop();
    this.running = null;
    this.deps.logger.info({}, 'outbox dispatcher stopped');
  }

  /** One round: claim a batch and settle every row of it. Returns how many rows were claimed. */
  async dispatchOnce(): Promise<number> {
    const { batchSize, leaseMs } = this.deps.options;
    const { queue } = this.deps;
    const batch = await queue.claim(batchSize, leaseMs);
    if (batch.length > 0 && this.deps.prepareBatch) {
      try {
        await this.deps.prepareBatch(batch);
      } catch (err) {
        this.deps.logger.warn({ err, events: batch.length }, 'outbox batch preparation failed; each event is handled on its own');
      }
    }
    if (!queue.completeAll) {
      await Promise.all(batch.map((entry) => this.settle(entry, (id) => queue.complete(id))));
      return batch.length;
    }
    // The delivered rows of the batch are recorded together, in one write, once all are settled.
    const delivered: string[] = [];
    await Promise.all(batch.map((entry) => this.settle(entry, async (id) => void delivered.push(id))));
    if (delivered.length > 0) await this.record(() => queue.completeAll?.(delivered) ?? Promise.resolve(), { eventIds: delivered });
    return batch.length;
  }

  private async loop(): Promise<void> {
    const { batchSize, pollMs } = this.deps.options;
    while (!this.stopping) {
      this.signalled = false;
      let claimed = 0;
      let failed = false;
      try {
        claimed = await this.dispatchOnce();
      } catch (err) {
        // The database is unreachable or busy: try again after the usual pause.
        failed = true;
        this.deps.logger.error({ err }, 'outbox dispatch round failed');
      }
      const busy = this.deps.options.load?.busy() === true;
      if (claimed >= batchSize && !busy) continue;
      if (!this.deps.wakeUps?.listening || failed || claimed >= batchSize) {
        await this.pause(pollMs, 0);
        continue;
      }
      // Woken by signals: sleep until one comes or a row falls due; under load, at least pollMs,
      // gathering signals, so a burst of commits costs one claim, not one each.
      const idle = await this.untilNextDue();
      await this.pause(busy ? Math.max(idle, pollMs) : idle, busy ? pollMs : 0);
    }
  }

  /** How long nothing is due (capped by the safety poll); a failing query falls back to the poll interval. */
  private async untilNextDue(): Promise<number> {
    const { pollMs, safetyPollMs = 60_000 } = this.deps.options;
    if (this.signalled) return 0;
    if (!this.deps.queue.nextDueAt) return pollMs;
    try {
      const due = await this.deps.queue.nextDueAt();
      const wait = due === null ? safetyPollMs : due.getTime() - this.deps.clock.now().getTime();
      return Math.min(Math.max(wait, 0), safetyPollMs);
    } catch (err) {
      this.deps.logger.error({ err }, 'outbox dispatch round failed');
      return pollMs;
    }
  }

  /** Sleeps `ms`; a wake-up (a signal, stop) ends it early, though a signal not before `minMs`. */
  private pause(ms: number, minMs: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const started = Date.now();
      let timer = setTimeout(resolve, ms);
      // Under load a notification arrives per committing transaction: once the pause is cut
      // to `minMs`, further signals change nothing, so they leave the timer alone.
      let cut = false;
      this.wake = () => {
        if (cut && !this.stopping) return;
        clearTimeout(timer);
        const elapsed = Date.now() - started;
        if (this.stopping || elapsed >= minMs) resolve();
        else {
          cut = true;
          timer = setTimeout(resolve, Math.min(minMs, ms) - elapsed);
        }
      };
      if (this.signalled && ms > 0) this.wake();
    });
  }

  private async settle(entry: ClaimedEvent, complete: (id: string) => Promise<void>): Promise<void> {
    const { queue, logger } = this.deps;
    const log = { eventId: entry.id, type: entry.event.type, attempts: entry.attempts };
    // Claimed more often than allowed without settling: workers died delivering it, so stop trying.
    if (entry.attempts > this.deps.options.maxAttempts) {
      logger.error(log, 'outbox event is dead: its deliveries never finished');
      await this.record(() => queue.fail(entry.id, 'claimed more than the maximum attempts; workers died while delivering it', null), log);
      return;
    }
    try {
      await this.deps.deliver(entry);
    } catch (err) {
      const dead = entry.attempts >= this.deps.options.maxAttempts;
      const delay = retryDelayMs(entry.attempts, this.deps.options.retry, this.deps.options.random);
      const nextAttemptAt = dead ? null : new Date(this.deps.clock.now().getTime() + delay);
      if (dead) logger.error({ ...log, err }, 'outbox event is dead after its last attempt');
      else logger.warn({ ...log, err, retryInMs: delay }, 'outbox delivery failed; will retry');
      await this.record(() => queue.fail(entry.id, errorText(err), nextAttemptAt), log);
      return;
    }
    // Delivered. If recording that fails, the lease expires and the event is delivered again.
    await this.record(() => complete(entry.id), log);
  }

  private async record(write: () => Promise<void>, log: object): Promise<void> {
    try {
      await write();
    } catch (err) {
      this.deps.logger.error({ ...log, err }, 'could not record the outcome of an outbox event; it is retried after its lease');
    }
  }
}
