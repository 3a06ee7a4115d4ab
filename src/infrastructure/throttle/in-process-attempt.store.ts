import type { AttemptCount, AttemptStore } from './attempt.store.js';

/** Above this many keys, expired windows are swept, so a spray of keys cannot grow memory without bound. */
const SWEEP_ABOVE = 100_000;

/**
 * Counters in a Map: enough for one node. Every method runs without an await
 * between its read and its write, which makes each call atomic on the event loop.
 */
export class InProcessAttemptStore implements AttemptStore {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<AttemptCount> {
    const t = this.now();
    let e = this.live(key, t);
    if (!e) {
      e = { count: 0, resetAt: t + windowMs };
      this.entries.set(key, e);
      if (this.entries.size > SWEEP_ABOVE) this.sweep(t);
    }
    e.count += 1;
    return { count: e.count, resetInMs: e.resetAt - t };
  }

  async peek(key: string): Promise<AttemptCount> {
    const t = this.now();
    const e = this.live(key, t);
    return e ? { count: e.count, resetInMs: e.resetAt - t } : { count: 0, resetInMs: 0 };
  }

  /** A counter given back to zero is dropped: a refused spray of new keys must not pile up entries. */
  async giveBack(key: string): Promise<void> {
    const e = this.live(key, this.now());
    if (e && e.count > 0) e.count -= 1;
    if (e && e.count === 0) this.entries.delete(key);
  }

  /** How many counters are held (expired ones included until swept). */
  get size(): number {
    return this.entries.size;
  }

  async extend(key: string, windowMs: number): Promise<void> {
    const t = this.now();
    const e = this.live(key, t);
    if (e) e.resetAt = t + windowMs;
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private live(key: string, t: number) {
    const e = this.entries.get(key);
    if (e && e.resetAt <= t) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep(t: number) {
    for (const [k, e] of this.entries) if (e.resetAt <= t) this.entries.delete(k);
  }
}
