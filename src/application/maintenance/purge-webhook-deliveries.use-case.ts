import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

/**
 * Deletes finished webhook deliveries (succeeded or failed) older than the retention: the log
 * answers "what happened to last week's events", and one row per event per endpoint would
 * otherwise grow without bound. Pending deliveries are never purged.
 */
export class PurgeWebhookDeliveries {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; retentionMs: number }) {}

  /** Returns how many deliveries were deleted. */
  async execute(): Promise<number> {
    const cutoff = new Date(this.deps.clock.now().getTime() - this.deps.retentionMs);
    return this.deps.uow.run((tx) => tx.webhookDeliveries.purgeFinishedBefore(cutoff));
  }
}
