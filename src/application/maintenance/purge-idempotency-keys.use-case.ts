import type { Clock } from '../../domain/shared/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { IDEMPOTENCY_RETENTION_MS } from '../shared/idempotency.js';

/**
 * Deletes idempotency keys past their retention (the contract keeps them 24 h). A key that old
 * is never replayed anyway (idempotent() treats it as new), so this only bounds the table.
 */
export class PurgeIdempotencyKeys {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock }) {}

  /** Returns how many keys were deleted. */
  async execute(): Promise<number> {
    const cutoff = new Date(this.deps.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS);
    return this.deps.uow.run((tx) => tx.idempotency.purgeCreatedBefore(cutoff));
  }
}
