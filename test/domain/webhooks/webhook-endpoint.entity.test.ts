import { describe, expect, it } from 'vitest';
import { WebhookEndpoint } from '../../../src/domain/webhooks/webhook-endpoint.entity.js';
import { WEBHOOK_EVENT_TYPES, webhookEventOf } from '../../../src/domain/webhooks/webhook-event-type.js';

const NOW = new Date('2026-01-01T00:00:00.000Z');
const create = (over: Partial<{ url: string; events: string[]; description: string }> = {}) =>
  WebhookEndpoint.create({ id: 'w1', url: 'https://x.example.com/', events: ['order.created'], secretCiphertext: 's', now: NOW, ...over });

describe('WebhookEndpoint', () => {
  it('keeps each event type once, trims the description, starts active', () => {
    const e = create({ events: ['stock.low', 'order.created', 'stock.low'], description: '  ERP  ' });
    expect(e.events).toEqual(['stock.low', 'order.created']);
    expect(e.description).toBe('ERP');
    expect(e.isActive).toBe(true);
    expect(e.subscribesTo('stock.low')).toBe(true);
    expect(e.subscribesTo('order.shipped')).toBe(false);
  });

  it('refuses no events, unknown events (naming the index) and overlong descriptions', () => {
    expect(() => create({ events: [] })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: '/events' })] }));
    expect(() => create({ events: ['order.created', 'nope'] })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: '/events/1' })] }));
    expect(() => create({ description: 'x'.repeat(501) })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: '/description' })] }));
    expect(() => create({ url: '' })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: '/url' })] }));
  });

  it('an inactive endpoint subscribes to nothing; an update changes only what it names', () => {
    const e = create({ events: ['order.created'] });
    e.update({ isActive: false }, new Date('2026-01-02T00:00:00.000Z'));
    expect(e.subscribesTo('order.created')).toBe(false);
    expect(e.url).toBe('https://x.example.com/');
    expect(e.updatedAt.toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });
});

describe('the published events', () => {
  it('map every contract event type from its domain event, and nothing internal', () => {
    const published = ['UserRegistered', 'OrderCreated', 'OrderConfirmed', 'OrderCancelled', 'OrderShipped', 'OrderDelivered', 'ProductArchived', 'StockLow'].map((t) => webhookEventOf(t)?.type);
    expect(published).toEqual([...WEBHOOK_EVENT_TYPES]);
    expect(webhookEventOf('PasswordChanged')).toBeNull();
    expect(webhookEventOf('PasswordResetRequested')).toBeNull();
    expect(webhookEventOf('toString')).toBeNull();
  });
});
