import type { Outbox } from '../../application/ports/outbox.port.js';
import type { DomainEvent } from '../../domain/shared/domain-event.js';
import type { InMemoryStore } from './in-memory-store.js';

export class InMemoryOutbox implements Outbox {
  constructor(private readonly store: InMemoryStore) {}

  async add(events: readonly DomainEvent[]): Promise<void> {
    for (const e of events) {
      this.store.outbox.push({ type: e.type, aggregateId: e.aggregateId, occurredAt: e.occurredAt.toISOString(), payload: e.payload });
    }
  }
}
