import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoginThrottle } from '../throttle/login-throttle.js';
import type { PasswordResetThrottle } from '../throttle/password-reset-throttle.js';
import type { RegistrationThrottle } from '../throttle/registration-throttle.js';
import type { ThrottleDecision } from '../throttle/throttle-decision.js';
import { EDGE_PROBLEMS } from './error-table.js';
import { sendProblem } from './problem.js';

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The address a per-address limit counts: the IPv4 address, or the /64 an IPv6
 * address belongs to, since one host is routinely given a whole /64 to pick from.
 */
export const throttleAddress = (ip: string): string => {
  const mapped = IPV4_MAPPED.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const bare = ip.split('%')[0]!.toLowerCase();
  const [head = '', tail] = bare.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const h = groupsOf(head);
  const t = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
};

const accountInBody = (request: FastifyRequest): string | null => {
  const body = request.body as { email?: unknown; username?: unknown } | undefined;
  const id = body?.email ?? body?.username;
  return typeof id === 'string' ? id : null;
};

const sendThrottled = (request: FastifyRequest, reply: FastifyReply, decision: ThrottleDecision & { allowed: false }, code: string, what: string) => {
  void reply.header('retry-after', String(decision.retryAfterSeconds));
  return sendProblem(request, reply, EDGE_PROBLEMS.rateLimited, `${what}; retry in ${decision.retryAfterSeconds} s`, { code });
};

/** Seconds a client is asked to wait while the counters' store is unreachable. */
const STORE_DOWN_RETRY_S = 5;

/**
 * Asks a throttle, failing closed: if the counters cannot be reached the request
 * is answered 503 (never let through uncounted), and the reply is returned.
 */
const ask = async (request: FastifyRequest, reply: FastifyReply, question: () => Promise<ThrottleDecision>): Promise<ThrottleDecision | FastifyReply> => {
  try {
    return await question();
  } catch (error) {
    request.log.error({ err: error }, 'throttle store unreachable');
    void reply.header('retry-after', String(STORE_DOWN_RETRY_S));
    return sendProblem(request, reply, EDGE_PROBLEMS.unavailable, 'this is unavailable for a moment; retry shortly');
  }
};

const isDecision = (x: ThrottleDecision | FastifyReply): x is ThrottleDecision => 'allowed' in x;

/**
 * The login route's throttle: count before the password check, refuse a burst its token, give a success back.
 * Also every other check of an account's password (POST /users/me/password, `account`: the caller's), so
 * none is a password oracle outside the login's limits.
 */
export const loginThrottleHooks = (
  throttle: LoginThrottle,
  { account: accountOf = accountInBody, successStatus = 200 }: { account?: (request: FastifyRequest) => string | null; successStatus?: number } = {},
) => ({
  preHandler: async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const account = accountOf(request);
    if (account === null) return undefined;
    const decision = await ask(request, reply, () => throttle.admit(account, throttleAddress(request.ip)));
    if (!isDecision(decision)) return decision;
    return decision.allowed ? undefined : sendThrottled(request, reply, decision, 'auth.throttled', 'too many login attempts');
  },
  /** Call between a right password and sending the token; true when the reply has been sent (429) instead. */
  refuseToken: async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const account = accountOf(request);
    if (account === null) return false;
    const decision = await ask(request, reply, () => throttle.mayIssueToken(account));
    if (!isDecision(decision)) return true;
    if (decision.allowed) return false;
    sendThrottled(request, reply, decision, 'auth.throttled', 'too many login attempts');
    return true;
  },
  onResponse: async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const account = accountOf(request);
    if (reply.statusCode !== successStatus || account === null) return;
    // The answer is already sent; an attempt not given back only counts against its owner a while longer.
    await throttle.succeeded(account, throttleAddress(request.ip)).catch((error: unknown) => request.log.warn({ err: error }, 'throttle: could not give a login attempt back'));
  },
});

export const registrationThrottleHook =
  (throttle: RegistrationThrottle) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const decision = await ask(request, reply, () => throttle.admit(throttleAddress(request.ip)));
    if (!isDecision(decision)) return decision;
    return decision.allowed ? undefined : sendThrottled(request, reply, decision, 'registration.throttled', 'too many registrations from your address');
  };

/** Password reset requests: per client address and per email address, before anything is looked up. */
export const passwordResetThrottleHook =
  (throttle: PasswordResetThrottle) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const account = accountInBody(request);
    if (account === null) return undefined;
    const decision = await ask(request, reply, () => throttle.admit(account, throttleAddress(request.ip)));
    if (!isDecision(decision)) return decision;
    return decision.allowed ? undefined : sendThrottled(request, reply, decision, 'auth.throttled', 'too many password reset requests');
  };
