import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { readMail, type ReadMail } from './read-mail.js';

export interface ReceivedMail extends ReadMail {
  /** RCPT TO addresses of the SMTP envelope. */
  envelopeTo: string[];
  raw: string;
}

export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  /** Messages the server accepted, in order. */
  readonly messages: ReceivedMail[];
  /** Messages fully received but not yet acknowledged because the sink is paused. */
  readonly held: number;
  /** Stop acknowledging: messages are received, then held until `resume`. */
  pause(): void;
  /** Acknowledge (and keep) every held message, even one whose client has gone meanwhile. */
  resume(): void;
  /** Resolves once `done(messages)` holds; rejects after `timeoutMs`. */
  waitUntil(done: (messages: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (plain, no auth) that keeps what it receives.
 * `delayMs` holds each message before accepting it, like a slow relay.
 * A message held while its client dies counts as received: the server has it, the
 * client never heard so — exactly the case at-least-once delivery re-sends.
 */
export const startSmtpSink = async (options: { port?: number; delayMs?: number } = {}): Promise<SmtpSink> => {
  const messages: ReceivedMail[] = [];
  let paused = false;
  let held: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Close promptly even while a pooled client keeps its connection open.
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        // Parsed at once, kept (and acknowledged) in arrival order once parsed.
        const read = readMail(raw);
        const accept = () =>
          void read.then(
            (mail) => {
              messages.push({ ...mail, raw: raw.toString('utf8'), envelopeTo });
              callback();
            },
            (err: Error) => callback(err),
          );
        const later = () => (paused ? held.push(accept) : accept());
        if (options.delayMs) setTimeout(later, options.delayMs);
        else later();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get held() {
      return held.length;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      const waiting = held;
      held = [];
      waiting.forEach((accept) => accept());
    },
    async waitUntil(done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(messages)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for mail; received ${messages.length} message(s)`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
