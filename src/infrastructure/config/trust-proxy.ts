import { isIP } from 'node:net';
import { ConfigError } from './env-values.js';

/** What Fastify's `trustProxy` gets: `false` (no proxy) or the proxies' addresses and CIDRs. */
export type TrustProxy = false | string[];

// @fastify/proxy-addr's names for well-known ranges.
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

const isAddressOrCidr = (entry: string): boolean => {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

const TRUST_PROXY_HINT = "give the proxies' addresses or CIDRs (e.g. 127.0.0.1 or 10.0.0.0/8,loopback)";

/**
 * `true` is refused: trusting every hop lets a client write the address that every
 * per-address limit counts. A hop count is refused too: Fastify (since 5.12.1) no
 * longer trusts a hop count, since it cannot tell a proxy from a client that
 * reached the server directly.
 */
export const trustProxy = (raw: string | undefined): TrustProxy => {
  const value = raw?.trim().toLowerCase() ?? '';
  if (['', 'false', 'no', 'off', '0'].includes(value)) return false;
  if (['true', 'yes', 'on'].includes(value)) throw new ConfigError('TRUST_PROXY', `"true" would trust every hop, letting clients choose their address; ${TRUST_PROXY_HINT}`);
  if (/^\d+$/.test(value)) throw new ConfigError('TRUST_PROXY', `a hop count cannot tell a proxy from a client; ${TRUST_PROXY_HINT}`);
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = entries.find((e) => !isAddressOrCidr(e));
  if (bad !== undefined) throw new ConfigError('TRUST_PROXY', `"${bad}" is not an IP address or CIDR; ${TRUST_PROXY_HINT}`);
  return entries;
};
