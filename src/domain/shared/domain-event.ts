/**
 * Something that happened in the domain, recorded by an aggregate or use case.
 * It is written to the outbox in the same transaction as the change it describes.
 */
export interface DomainEvent<TType extends string = string, TPayload = Record<string, unknown>> {
  readonly type: TType;
  readonly occurredAt: Date;
  /** The aggregate the event is about (user id, order id…). */
  readonly aggregateId: string;
  readonly payload: TPayload;
}
