import type { DomainEvent } from '../../domain/shared/domain-event.js';

/**
 * The transactional outbox: events are stored with the change they belong to
 * and delivered later by the dispatcher, so nothing is sent for a rollback
 * and nothing is lost when the mail server is down.
 */
export interface Outbox {
  add(events: readonly DomainEvent[]): Promise<void>;
}
