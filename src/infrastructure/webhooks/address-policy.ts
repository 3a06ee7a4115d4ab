import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may never reach (SSRF): anything that is not a public unicast address.
 * IPv4: this network, private (RFC 1918), CGNAT, loopback, link-local (cloud metadata at
 * 169.254.169.254), IETF protocol assignments, documentation and benchmarking nets, multicast,
 * reserved and broadcast. IPv6: anything outside global unicast (2000::/3) — unspecified,
 * loopback, IPv4-compatible, discard, unique-local (AWS metadata fd00:ec2::254), link-local,
 * site-local, multicast, SRv6 and what is not assigned yet — and inside it NAT64 (it reaches IPv4
 * space), Teredo, 6to4, documentation (2001:db8::/32, 3fff::/20) and ORCHID. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96],
  ['::1', 128],
  // IPv4-translated (::ffff:0:a.b.c.d, RFC 2765): a way to spell an IPv4 address the mapped check does not read.
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');
}

/** IPv6 global unicast (RFC 4291): everything outside it is special-purpose or unassigned, never a public host. */
const GLOBAL_UNICAST_V6 = new BlockList();
GLOBAL_UNICAST_V6.addSubnet('2000::', 3, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
const ipv6Groups = (address: string): number[] => {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((g) => parseInt(g, 16));
};

/** The IPv4 address an IPv4-mapped IPv6 address (::ffff:a.b.c.d) carries, or null. */
export const mappedIpv4 = (address: string): string | null => {
  const g = ipv6Groups(address);
  if (g.length !== 8 || g.slice(0, 5).some((x) => x !== 0) || g[5] !== 0xffff) return null;
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
};

/** True for an address a webhook must not reach; anything that is not an IP address at all counts as forbidden. */
export const isForbiddenAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  if (family === 6) {
    const v4 = mappedIpv4(address);
    if (v4 !== null) return FORBIDDEN.check(v4, 'ipv4');
    const bare = address.split('%')[0]!;
    return !GLOBAL_UNICAST_V6.check(bare, 'ipv6') || FORBIDDEN.check(bare, 'ipv6');
  }
  return true;
};
