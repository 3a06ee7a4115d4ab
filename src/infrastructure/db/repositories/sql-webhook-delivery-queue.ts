import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../../domain/shared/clock.port.js';
import type { SqlDialect } from '../database.js';
import type { DB } from '../database.schema.js';
import { fromBool, toDate, toIso } from '../mappers/row-values.js';

/** A delivery leased to one worker for one attempt. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly url: string;
  readonly secretCiphertext: string;
  readonly payload: string;
  /** Attempts so far, this one included: also the claim's token when the outcome is recorded. */
  readonly attempts: number;
  /** Where the retry window started (creation, or the last manual retry). */
  readonly windowStart: Date;
}

export interface ClaimRequest {
  /** At most this many deliveries. */
  readonly limit: number;
  readonly leaseMs: number;
  /** Attempts this worker has in flight per endpoint, and the most it may have: a slow endpoint cannot take every slot. */
  readonly inFlight: ReadonlyMap<string, number>;
  readonly perEndpoint: number;
}

export interface AttemptRecord {
  readonly statusCode: number | null;
  readonly error: string | null;
  /** Pending again at this time; null: given up (`failed`). Ignored for a success. */
  readonly nextAttemptAt: Date | null;
}

/** How many candidates a claim looks at per slot: enough to find other endpoints' rows behind a busy one's. */
const CANDIDATES_PER_SLOT = 4;

/**
 * The delivery worker's side of `webhook_deliveries`. A claim leases rows by moving
 * `next_attempt_at` to the lease's end (and into `lease_until`): a crashed worker's rows are
 * simply due again after it, with the same payload and `webhook-id`. On PostgreSQL the
 * candidates are locked FOR UPDATE SKIP LOCKED, so concurrent workers on any number of nodes
 * never claim one row twice; SQLite has one writer, and its transaction is the lock.
 */
export class SqlWebhookDeliveryQueue {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: SqlDialect,
    private readonly clock: Clock,
  ) {}

  async claim(request: ClaimRequest): Promise<ClaimedDelivery[]> {
    if (request.limit <= 0) return [];
    const now = this.clock.now();
    const leaseEnd = toIso(new Date(now.getTime() + request.leaseMs));
    const saturated = [...request.inFlight].filter(([, n]) => n >= request.perEndpoint).map(([id]) => id);
    return this.db.transaction().execute(async (trx) => {
      let candidates = trx
        .selectFrom('webhook_deliveries')
        .select(['id', 'endpoint_id'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', toIso(now))
        // An inactive endpoint's deliveries wait (until it is active again or their window closes).
        .where('endpoint_id', 'in', (eb) => eb.selectFrom('webhook_endpoints').select('id').where('is_active', '=', fromBool(true)))
        .orderBy('next_attempt_at')
        .limit(request.limit * CANDIDATES_PER_SLOT);
      if (saturated.length > 0) candidates = candidates.where('endpoint_id', 'not in', saturated);
      const rows = await (this.dialect === 'postgres' ? candidates.forUpdate().skipLocked() : candidates).execute();
      const chosen = pickWithinLimits(rows, request);
      if (chosen.length === 0) return [];
      return this.lease(trx, chosen, leaseEnd);
    });
  }

  private async lease(trx: Transaction<DB>, ids: string[], leaseEnd: string): Promise<ClaimedDelivery[]> {
    const leased = await trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), lease_until: leaseEnd, next_attempt_at: leaseEnd }))
      .where('id', 'in', ids)
      .returning(['id', 'endpoint_id', 'event_id', 'payload', 'attempts', 'window_start'])
      .execute();
    const endpoints = await trx
      .selectFrom('webhook_endpoints')
      .select(['id', 'url', 'secret_ciphertext'])
      .where('id', 'in', [...new Set(leased.map((r) => r.endpoint_id))])
      .execute();
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    return leased.flatMap((r) => {
      const endpoint = byId.get(r.endpoint_id);
      if (!endpoint) return [];
      return [
        {
          id: r.id,
          endpointId: r.endpoint_id,
          eventId: r.event_id,
          url: endpoint.url,
          secretCiphertext: endpoint.secret_ciphertext,
          payload: r.payload,
          attempts: r.attempts,
          windowStart: toDate(r.window_start),
        },
      ];
    });
  }

  /** Records an attempt's outcome, unless the row was claimed again meanwhile (its lease ran out) or retried by hand. */
  async record(delivery: ClaimedDelivery, outcome: AttemptRecord & { succeeded: boolean }): Promise<void> {
    const at = toIso(this.clock.now());
    const status = outcome.succeeded ? 'succeeded' : outcome.nextAttemptAt === null ? 'failed' : 'pending';
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        status,
        last_status_code: outcome.statusCode,
        last_error: outcome.succeeded ? null : outcome.error,
        last_attempt_at: at,
        next_attempt_at: status === 'pending' && outcome.nextAttemptAt ? toIso(outcome.nextAttemptAt) : null,
        lease_until: null,
      })
      .where('id', '=', delivery.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', delivery.attempts)
      .execute();
  }

  /** Pending and failed deliveries, for the /metrics gauges. */
  async counts(): Promise<{ pending: number; failed: number }> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('status', 'in', ['pending', 'failed'])
      .groupBy('status')
      .execute();
    const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { pending: count('pending'), failed: count('failed') };
  }
}

/** The candidates, oldest due first, that fit the request: `limit` in all, and no endpoint past its share. */
const pickWithinLimits = (rows: readonly { id: string; endpoint_id: string }[], request: ClaimRequest): string[] => {
  const taken = new Map(request.inFlight);
  const chosen: string[] = [];
  for (const row of rows) {
    if (chosen.length >= request.limit) break;
    const n = taken.get(row.endpoint_id) ?? 0;
    if (n >= request.perEndpoint) continue;
    taken.set(row.endpoint_id, n + 1);
    chosen.push(row.id);
  }
  return chosen;
};
