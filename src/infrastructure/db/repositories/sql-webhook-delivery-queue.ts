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
    return this.db.transaction().execute(async (trx) => {
      // An inactive endpoint's deliveries wait (until it is active again or their window closes).
      const endpoints = await trx
        .selectFrom('webhook_endpoints')
        .select(['id', 'url', 'secret_ciphertext'])
        .where('is_active', '=', fromBool(true))
        .orderBy('id')
        .execute();
      // Per endpoint, at most its free slots, oldest due first (the endpoint_due index): an endpoint
      // at its limit costs nothing, and its backlog never hides another endpoint's rows.
      const candidates: { id: string; endpoint_id: string; due: number }[] = [];
      for (const endpoint of endpoints) {
        const room = Math.min(request.perEndpoint - (request.inFlight.get(endpoint.id) ?? 0), request.limit);
        if (room <= 0) continue;
        const due = trx
          .selectFrom('webhook_deliveries')
          .select(['id', 'endpoint_id', 'next_attempt_at'])
          .where('endpoint_id', '=', endpoint.id)
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', toIso(now))
          .orderBy('next_attempt_at')
          .limit(room);
        for (const row of await (this.dialect === 'postgres' ? due.forUpdate().skipLocked() : due).execute()) {
          candidates.push({ id: row.id, endpoint_id: row.endpoint_id, due: toDate(row.next_attempt_at!).getTime() });
        }
      }
      if (candidates.length === 0) return [];
      // The oldest due across endpoints first, `limit` in all (rows locked but not taken stay pending).
      const chosen = candidates.sort((a, b) => a.due - b.due).slice(0, request.limit);
      return this.lease(trx, chosen.map((c) => c.id), leaseEnd, new Map(endpoints.map((e) => [e.id, e])));
    });
  }

  private async lease(
    trx: Transaction<DB>,
    ids: string[],
    leaseEnd: string,
    endpoints: ReadonlyMap<string, { url: string; secret_ciphertext: string }>,
  ): Promise<ClaimedDelivery[]> {
    const leased = await trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), lease_until: leaseEnd, next_attempt_at: leaseEnd }))
      .where('id', 'in', ids)
      .returning(['id', 'endpoint_id', 'event_id', 'payload', 'attempts', 'window_start'])
      .execute();
    return leased.flatMap((r) => {
      const endpoint = endpoints.get(r.endpoint_id);
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
