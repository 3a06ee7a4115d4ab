import { DomainError } from '../../domain/shared/domain-error.js';

/** Retries after the first attempt; enough for real contention on one order, bounded so a hot spot fails fast. */
export const MAX_CONFLICT_RETRIES = 3;

const isConflict = (error: unknown): boolean =>
  error instanceof DomainError && error.code === 'order.concurrent_update';

/**
 * Runs `attempt` (a whole unit of work, so each try reloads fresh state) again when an
 * optimistic write lost the race; any other error, or the last conflict, propagates.
 */
export const retryOnConflict = async <T>(attempt: () => Promise<T>, retries = MAX_CONFLICT_RETRIES): Promise<T> => {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConflict(error) || retry >= retries) throw error;
    }
  }
};
