import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import type { WebhookUrlPolicy } from '../../application/ports/webhook-url-policy.port.js';
import { invalid } from '../../domain/shared/domain-error.js';
import { isForbiddenAddress } from './address-policy.js';

const RESOLVE_TIMEOUT_MS = 5_000;

/** The host as an address or name: URL keeps IPv6 literals in brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('DNS lookup timed out')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });

/**
 * The SSRF policy at creation and update: an absolute http(s) URL without credentials whose
 * host resolves only to public addresses (see address-policy.ts). The delivery worker checks
 * again at every attempt (`vettedLookup`): DNS may answer differently by then.
 */
export class DnsWebhookUrlPolicy implements WebhookUrlPolicy {
  constructor(private readonly options: { allowPrivate: boolean }) {}

  async check(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw invalid('/url', 'must be an absolute http:// or https:// URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('/url', 'must be an http:// or https:// URL');
    // Credentials in a URL end up in logs and screens; receivers authenticate us by the signature.
    if (url.username !== '' || url.password !== '') throw invalid('/url', 'must not carry a user name or password');
    if (this.options.allowPrivate) return url.href;
    const host = hostOf(url);
    let addresses: string[];
    if (isIP(host) !== 0) {
      addresses = [host];
    } else {
      try {
        addresses = (await withTimeout(lookup(host, { all: true, verbatim: true }), RESOLVE_TIMEOUT_MS)).map((a) => a.address);
      } catch {
        throw invalid('/url', 'names a host that does not resolve');
      }
    }
    // Every address must be public: a name with one private answer among public ones is a rebinding trick.
    if (addresses.length === 0 || addresses.some(isForbiddenAddress)) {
      throw invalid('/url', 'must not point to a loopback, private, link-local or metadata address');
    }
    return url.href;
  }
}

/** Why an attempt was refused before it connected (the policy said no). */
export class ForbiddenAddressError extends Error {
  constructor(readonly host: string) {
    super(`${host} resolves to an address webhooks may not reach`);
    this.name = 'ForbiddenAddressError';
  }
}

/**
 * A `lookup` for http.request that resolves the name and hands the socket only addresses the
 * policy allows: the connection goes to the address that was checked, so a DNS answer that
 * changes between the check and the connect (rebinding) cannot move it inside.
 */
export const vettedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { all: true, verbatim: true, family: options.family ?? 0 }).then(
    (answers) => {
      if (answers.length === 0 || answers.some((a) => isForbiddenAddress(a.address))) {
        callback(new ForbiddenAddressError(hostname) as NodeJS.ErrnoException, '', 4);
        return;
      }
      if (options.all) (callback as unknown as (err: null, addresses: typeof answers) => void)(null, answers);
      else callback(null, answers[0]!.address, answers[0]!.family);
    },
    (err: NodeJS.ErrnoException) => callback(err, '', 4),
  );
};
