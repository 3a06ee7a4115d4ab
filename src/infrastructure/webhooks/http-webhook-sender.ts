import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isForbiddenAddress } from './address-policy.js';
import { ForbiddenAddressError, hostOf, vettedLookup } from './webhook-url-policy.js';

/** How much of a receiver's answer is read (and then dropped): enough to reuse the connection, never a log line. */
export const MAX_RESPONSE_BYTES = 4_096;

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An attempt's outcome: the status code when one came back, else a short reason (`timeout`, `connection refused` …). */
export type AttemptResult = { readonly statusCode: number } | { readonly error: string };

const reasonOf = (err: unknown): string => {
  if (err instanceof ForbiddenAddressError) return 'address refused by the SSRF policy';
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      return code && /^[A-Z_]+$/.test(code) ? `network error ${code}` : 'network error';
  }
};

/**
 * POSTs one webhook: no redirects followed (a 3xx is an answer like any other non-2xx), the whole
 * exchange bounded by `timeoutMs`, at most MAX_RESPONSE_BYTES of the answer read. The status line
 * decides: a body still arriving at the deadline is cut off, and the attempt counts as answered
 * with that status. Unless private addresses are allowed, the socket connects only to an address
 * the SSRF policy accepted.
 */
export class HttpWebhookSender {
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

  constructor(private readonly options: { timeoutMs: number; allowPrivate: boolean }) {}

  send(request: WebhookRequest): Promise<AttemptResult> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        resolve({ error: 'invalid URL' });
        return;
      }
      const host = hostOf(url);
      // An address in the URL skips DNS (and so the lookup below): it is judged here instead.
      if (!this.options.allowPrivate && isIP(host) !== 0 && isForbiddenAddress(host)) {
        resolve({ error: reasonOf(new ForbiddenAddressError(host)) });
        return;
      }
      const secure = url.protocol === 'https:';
      let settled = false;
      const finish = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = (secure ? https : http).request(url, {
        method: 'POST',
        agent: secure ? this.agents.https : this.agents.http,
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        ...(this.options.allowPrivate ? {} : { lookup: vettedLookup }),
      });
      let status: number | undefined;
      const timer = setTimeout(() => {
        // A receiver that answered 2xx and drips its body has the event: retrying would deliver it twice.
        finish(status === undefined ? { error: 'timeout' } : { statusCode: status });
        req.destroy();
      }, this.options.timeoutMs);
      req.on('error', (err) => finish({ error: reasonOf(err) }));
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          // Enough: the status decides; a huge or endless body only costs us if we keep reading.
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('error', () => undefined);
        res.on('close', () => finish({ statusCode: res.statusCode ?? 0 }));
      });
      req.end(request.body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
