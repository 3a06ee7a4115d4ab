import type pg from 'pg';

export interface WaitLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface WaitOptions {
  /** Give up once this much time has passed since the first try (0: one try only). */
  maxWaitMs: number;
  logger?: WaitLogger | undefined;
  /** First pause between tries; doubled after each, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/*
 * SQLSTATEs that mean "the server is there but refuses you": a wrong password or a missing
 * database does not fix itself, so start fails at once. Everything else (refused or reset
 * connections, timeouts, DNS not yet there, 57P03 "the database system is starting up",
 * 53300 too many connections) is worth another try.
 */
const PERMANENT = new Set(['28P01', '28000', '3D000', '42501']);

const codeOf = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

/**
 * Start-up for containers that start in any order: tries `select 1` on the pool until it
 * answers, with capped exponential back-off, for at most `maxWaitMs`, logging each failed try.
 * Throws the last error when the time is up or the failure cannot fix itself.
 */
export const waitForPostgres = async (pool: pg.Pool, options: WaitOptions): Promise<void> => {
  const { logger, maxWaitMs } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  let delay = options.firstDelayMs ?? 250;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query('select 1');
      if (attempt > 1) logger?.info({ attempt, waitedMs: now() - started }, 'the database is reachable');
      return;
    } catch (err) {
      const code = codeOf(err);
      const left = started + maxWaitMs - now();
      if ((code !== undefined && PERMANENT.has(code)) || left <= 0) throw err;
      const pause = Math.min(delay, left);
      const message = err instanceof Error ? err.message : String(err);
      logger?.warn({ attempt, code, error: message, retryInMs: pause, giveUpInMs: left }, 'the database is unreachable; retrying');
      await sleep(pause);
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }
};
