/** Where a throttle keeps its counters: in process for one node, in Redis for many. */
export interface AttemptCount {
  /** Attempts on the key in its current window, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts again from zero. */
  resetInMs: number;
}

/**
 * Fixed-window attempt counters. `hit` counts and reads in one atomic step, so
 * parallel requests each see a different count and none can slip past a limit.
 */
export interface AttemptStore {
  /** Counts one attempt on `key`; the first attempt opens a window of `windowMs`. */
  hit(key: string, windowMs: number): Promise<AttemptCount>;
  /** The key's count without counting (zero when no window is open). */
  peek(key: string): Promise<AttemptCount>;
  /** Takes one attempt back (it turned out to be legitimate); never below zero, never opens a window. */
  giveBack(key: string): Promise<void>;
  /** Makes the key's open window end `windowMs` from now (a lock-out growing longer); no-op without a window. */
  extend(key: string, windowMs: number): Promise<void>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}
