import { invalid } from '../shared/domain-error.js';
import { isWebhookEventType, type WebhookEventType } from './webhook-event-type.js';

export const WEBHOOK_DESCRIPTION_MAX = 500;
export const WEBHOOK_URL_MAX = 2_048;

export interface WebhookEndpointProps {
  id: string;
  /** Checked against the SSRF policy by the use case before it gets here. */
  url: string;
  events: WebhookEventType[];
  description: string;
  isActive: boolean;
  /** The signing secret, encrypted (the plain secret is shown once, at creation). */
  secretCiphertext: string;
  createdAt: Date;
  updatedAt: Date;
}

const checkedEvents = (events: readonly string[]): WebhookEventType[] => {
  if (events.length === 0) throw invalid('/events', 'must name at least one event type');
  events.forEach((e, i) => {
    if (!isWebhookEventType(e)) throw invalid(`/events/${i}`, `is not an event type: ${e.slice(0, 40)}`);
  });
  // A type named twice is the same subscription: kept once, in the order first given.
  return [...new Set(events as WebhookEventType[])];
};

const checkedDescription = (description: string): string => {
  const trimmed = description.trim();
  if ([...trimmed].length > WEBHOOK_DESCRIPTION_MAX) throw invalid('/description', `must be at most ${WEBHOOK_DESCRIPTION_MAX} characters`);
  return trimmed;
};

const checkedUrl = (url: string): string => {
  if (url.length === 0 || url.length > WEBHOOK_URL_MAX) throw invalid('/url', `must be 1–${WEBHOOK_URL_MAX} characters`);
  return url;
};

/** Where the shop's events are POSTed, and which of them. Deleted for good on request (its deliveries with it). */
export class WebhookEndpoint {
  private constructor(private props: WebhookEndpointProps) {}

  static create(input: { id: string; url: string; events: readonly string[]; description?: string; secretCiphertext: string; now: Date }): WebhookEndpoint {
    return new WebhookEndpoint({
      id: input.id,
      url: checkedUrl(input.url),
      events: checkedEvents(input.events),
      description: checkedDescription(input.description ?? ''),
      isActive: true,
      secretCiphertext: input.secretCiphertext,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  static restore(props: WebhookEndpointProps): WebhookEndpoint {
    return new WebhookEndpoint({ ...props, events: [...props.events] });
  }

  /** A partial change: absent fields stay as they are. */
  update(change: { url?: string; events?: readonly string[]; description?: string; isActive?: boolean }, now: Date): void {
    const next = { ...this.props };
    if (change.url !== undefined) next.url = checkedUrl(change.url);
    if (change.events !== undefined) next.events = checkedEvents(change.events);
    if (change.description !== undefined) next.description = checkedDescription(change.description);
    if (change.isActive !== undefined) next.isActive = change.isActive;
    next.updatedAt = now;
    this.props = next;
  }

  rotateSecret(secretCiphertext: string, now: Date): void {
    this.props = { ...this.props, secretCiphertext, updatedAt: now };
  }

  subscribesTo(type: WebhookEventType): boolean {
    return this.props.isActive && this.props.events.includes(type);
  }

  get id(): string {
    return this.props.id;
  }
  get url(): string {
    return this.props.url;
  }
  get events(): readonly WebhookEventType[] {
    return this.props.events;
  }
  get description(): string {
    return this.props.description;
  }
  get isActive(): boolean {
    return this.props.isActive;
  }
  get secretCiphertext(): string {
    return this.props.secretCiphertext;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }

  /**
   * Whether an event that happened at `occurredAt` is this endpoint's to hear: only events after it
   * was registered. An old event fanned out again (its email failed and is retried) thus never
   * reaches an endpoint created since.
   */
  receives(occurredAt: Date): boolean {
    return occurredAt.getTime() >= this.props.createdAt.getTime();
  }
}
