import type { FastifyReply, FastifyRequest } from 'fastify';
import { EDGE_PROBLEMS } from './error-table.js';
import { sendProblem } from './problem.js';

/** Counts failures per key in fixed windows. In-process here; a Redis store serves many nodes. */
export interface FailureStore {
  /** Failures recorded for `key` in its current window, and ms until that window ends. */
  get(key: string): Promise<{ count: number; resetInMs: number }>;
  increment(key: string, windowMs: number): Promise<void>;
  reset(key: string): Promise<void>;
}

export class InProcessFailureStore implements FailureStore {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string) {
    const e = this.entries.get(key);
    const t = this.now();
    if (!e || e.resetAt <= t) return { count: 0, resetInMs: 0 };
    return { count: e.count, resetInMs: e.resetAt - t };
  }

  async increment(key: string, windowMs: number) {
    const t = this.now();
    const e = this.entries.get(key);
    if (!e || e.resetAt <= t) this.entries.set(key, { count: 1, resetAt: t + windowMs });
    else e.count += 1;
    if (this.entries.size > 100_000) this.sweep(t); // bounded memory under a spray of keys
  }

  async reset(key: string) {
    this.entries.delete(key);
  }

  private sweep(t: number) {
    for (const [k, e] of this.entries) if (e.resetAt <= t) this.entries.delete(k);
  }
}

export interface LoginThrottlePolicy {
  /** Failed logins allowed per account per window (a guesser on one account). */
  perAccount: number;
  /** Failed logins allowed per client address per window (a sprayer across accounts). */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginThrottlePolicy = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 };

const accountOf = (request: FastifyRequest): string | null => {
  const body = request.body as { email?: unknown; username?: unknown } | undefined;
  const id = body?.email ?? body?.username;
  return typeof id === 'string' ? id.trim().toLowerCase() : null;
};

/**
 * Login throttling: only failures count, so a real user who types the right
 * password is never slowed, and a lock lasts at most one window.
 */
export class LoginThrottle {
  constructor(
    private readonly store: FailureStore,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_POLICY,
  ) {}

  readonly check = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const account = accountOf(request);
    const checks = [this.store.get(`login:ip:${request.ip}`).then((s) => ({ ...s, limit: this.policy.perAddress }))];
    if (account) checks.push(this.store.get(`login:acct:${account}`).then((s) => ({ ...s, limit: this.policy.perAccount })));
    const over = (await Promise.all(checks)).filter((s) => s.count >= s.limit);
    if (over.length === 0) return;
    const retryAfter = Math.max(1, Math.ceil(Math.max(...over.map((s) => s.resetInMs)) / 1000));
    void reply.header('retry-after', String(retryAfter));
    await sendProblem(request, reply, EDGE_PROBLEMS.rateLimited, `too many failed logins; retry in ${retryAfter} s`, { code: 'auth.throttled' });
  };

  readonly record = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const account = accountOf(request);
    if (reply.statusCode === 401) {
      await this.store.increment(`login:ip:${request.ip}`, this.policy.windowMs);
      if (account) await this.store.increment(`login:acct:${account}`, this.policy.windowMs);
    } else if (reply.statusCode === 200 && account) {
      await this.store.reset(`login:acct:${account}`);
    }
  };
}
