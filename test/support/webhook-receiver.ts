import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/** What the receiver does with a request: answer with a status (after an optional delay), or never answer. */
export type ReceiverBehaviour = (request: ReceivedWebhook, index: number) => { status: number; delayMs?: number } | 'hang';

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** Requests being handled right now, by webhook-id (a second one for the same id while the first is open is a concurrent duplicate). */
  readonly maxConcurrentPerId: () => number;
  behave(behaviour: ReceiverBehaviour): void;
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1 (node:http), recording every request it gets. */
export const startWebhookReceiver = async (behaviour: ReceiverBehaviour = () => ({ status: 204 })): Promise<WebhookReceiver> => {
  const received: ReceivedWebhook[] = [];
  const open = new Map<string, number>();
  let maxConcurrent = 0;
  let behave = behaviour;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook: ReceivedWebhook = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const id = String(req.headers['webhook-id']);
      open.set(id, (open.get(id) ?? 0) + 1);
      maxConcurrent = Math.max(maxConcurrent, open.get(id)!);
      const index = received.push(hook) - 1;
      const done = () => open.set(id, (open.get(id) ?? 1) - 1);
      const what = behave(hook, index);
      if (what === 'hang') {
        hanging.add(res);
        res.on('close', done);
        return;
      }
      const answer = () => {
        done();
        res.writeHead(what.status, { 'content-type': 'text/plain' }).end('ok');
      };
      if (what.delayMs) setTimeout(answer, what.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    maxConcurrentPerId: () => maxConcurrent,
    behave: (b) => (behave = b),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/**
 * The Standard Webhooks verification, written out from the specification (the reference
 * algorithm): HMAC-SHA256 over "{id}.{timestamp}.{body}" keyed with the base64-decoded secret
 * after `whsec_`, compared in constant time against every `v1,` signature in the header.
 */
export const verifyReference = (secret: string, hook: ReceivedWebhook): boolean => {
  const id = String(hook.headers['webhook-id']);
  const timestamp = String(hook.headers['webhook-timestamp']);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${hook.body}`).digest();
  return String(hook.headers['webhook-signature'])
    .split(' ')
    .some((sig) => {
      const [version, value] = sig.split(',');
      if (version !== 'v1' || value === undefined) return false;
      const given = Buffer.from(value, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
};
