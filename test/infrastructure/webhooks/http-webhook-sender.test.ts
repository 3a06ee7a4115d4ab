import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpWebhookSender } from '../../../src/infrastructure/webhooks/http-webhook-sender.js';

/** A receiver whose answer the test writes by hand; open responses are ended on close. */
const receiverAnswering = async (answer: (res: ServerResponse) => void) => {
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      open.add(res);
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

describe('HttpWebhookSender and a slow receiver', () => {
  const sender = new HttpWebhookSender({ timeoutMs: 300, allowPrivate: true });
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    sender.close();
  });
  const send = (url: string) => sender.send({ url, headers: { 'content-type': 'application/json' }, body: '{}' });

  it('a 2xx whose body is still dripping at the deadline counts as answered 2xx, not as a timeout to retry', async () => {
    const receiver = await receiverAnswering((res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('working on it');
    });
    close = receiver.close;
    expect(await send(receiver.url)).toEqual({ statusCode: 200 });
  });

  it('a 5xx whose body is still dripping counts as that 5xx', async () => {
    const receiver = await receiverAnswering((res) => {
      res.writeHead(503);
      res.write('busy');
    });
    close = receiver.close;
    expect(await send(receiver.url)).toEqual({ statusCode: 503 });
  });

  it('no status line by the deadline is a timeout', async () => {
    const receiver = await receiverAnswering(() => undefined);
    close = receiver.close;
    expect(await send(receiver.url)).toEqual({ error: 'timeout' });
  });
});
