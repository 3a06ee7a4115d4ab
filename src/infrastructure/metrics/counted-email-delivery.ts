import type { ClaimedEvent } from '../../application/ports/outbox-queue.port.js';
import type { DeliverEventOutput } from '../../application/notifications/deliver-event.use-case.js';
import type { EmailOutcome } from './business-metrics.js';

/**
 * The outbox dispatcher's email delivery, counted: each settled attempt is `sent`, `skipped`
 * (the event has no email) or `failed` (thrown: the dispatcher retries it or parks it as dead).
 */
export const countedEmailDelivery =
  (deliver: (entry: ClaimedEvent) => Promise<DeliverEventOutput>, count: (outcome: EmailOutcome) => void) =>
  async (entry: ClaimedEvent): Promise<DeliverEventOutput> => {
    let outcome: DeliverEventOutput;
    try {
      outcome = await deliver(entry);
    } catch (error) {
      count('failed');
      throw error;
    }
    count(outcome);
    return outcome;
  };
