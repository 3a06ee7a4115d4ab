import { describe, expect, it } from 'vitest';
import type { ClaimedDelivery } from '../../../src/infrastructure/db/repositories/sql-webhook-delivery-queue.js';
import type { WebhookRequest } from '../../../src/infrastructure/webhooks/http-webhook-sender.js';
import { WebhookDeliveryWorker } from '../../../src/infrastructure/webhooks/webhook-delivery-worker.js';
import { signWebhook } from '../../../src/infrastructure/webhooks/webhook-signature.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const NOW = new Date('2026-03-01T00:00:00.000Z');
const SECRETS: Record<string, string> = {
  'sealed-1': `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
  'sealed-2': `whsec_${Buffer.alloc(32, 2).toString('base64')}`,
};

const delivery = (n: number, secretCiphertext: string): ClaimedDelivery => ({
  id: `d${n}`,
  endpointId: 'e',
  eventId: `event-${n}`,
  url: 'https://receiver.example.com/',
  secretCiphertext,
  payload: `{"n":${n}}`,
  attempts: 1,
  windowStart: NOW,
});

describe('WebhookDeliveryWorker', () => {
  it('opens an endpoint’s sealed secret once, not at every attempt, and a rotated secret (a new ciphertext) anew', async () => {
    const due = [delivery(1, 'sealed-1'), delivery(2, 'sealed-1'), delivery(3, 'sealed-1'), delivery(4, 'sealed-2')];
    const opened: string[] = [];
    const sent: WebhookRequest[] = [];
    const recorded: string[] = [];
    const worker = new WebhookDeliveryWorker({
      queue: { claim: async () => due.splice(0, 1), record: async (d) => void recorded.push(d.id) },
      secrets: {
        generate: () => '',
        seal: () => '',
        open: (sealed) => (opened.push(sealed), SECRETS[sealed]!),
      },
      send: async (request) => (sent.push(request), { statusCode: 204 }),
      clock: { now: () => NOW },
      logger: silent,
      options: { maxInFlight: 1, perEndpoint: 1, leaseMs: 60_000, pollMs: 5, retry: { baseMs: 1_000, maxMs: 60_000, giveUpAfterMs: 86_400_000 } },
    });
    worker.start();
    const deadline = Date.now() + 5_000;
    while (recorded.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await worker.stop();
    expect(recorded).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(opened).toEqual(['sealed-1', 'sealed-2']);
    const timestamp = Number(sent[3]!.headers['webhook-timestamp']);
    expect(sent[3]!.headers['webhook-signature']).toBe(signWebhook(SECRETS['sealed-2']!, 'event-4', timestamp, '{"n":4}'));
    expect(sent[0]!.headers['webhook-signature']).toBe(signWebhook(SECRETS['sealed-1']!, 'event-1', timestamp, '{"n":1}'));
  });
});
