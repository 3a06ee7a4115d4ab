import type { DomainEvent } from '../../domain/shared/domain-event.js';

/** An outbox row leased to one dispatcher. */
export interface ClaimedEvent {
  /** The outbox row id: stable across retries, so it names the delivery. */
  readonly id: string;
  readonly event: DomainEvent;
  /** Claims so far, this one included (a crashed worker's claim counts too). */
  readonly attempts: number;
}

/**
 * The consuming side of the outbox. A claim is a lease: until it expires no other
 * dispatcher gets the row, and once it expires (a crashed worker) the row is due again.
 */
export interface OutboxQueue {
  /** Leases up to `limit` due pending rows for `leaseMs`. */
  claim(limit: number, leaseMs: number): Promise<ClaimedEvent[]>;
  /** The effect happened: the row is done. */
  complete(id: string): Promise<void>;
  /** The effects of a whole batch happened: the rows are done, in one write (a dispatcher uses it when the queue has it). */
  completeAll?(ids: readonly string[]): Promise<void>;
  /** Records the failure; due again at `nextAttemptAt`, or parked as dead when it is null. */
  fail(id: string, error: string, nextAttemptAt: Date | null): Promise<void>;
  /**
   * When the earliest pending row falls due (a retry, a lease that runs out), or null when none
   * is pending: how long a dispatcher woken by notifications may sleep (without it, it polls).
   */
  nextDueAt?(): Promise<Date | null>;
}
