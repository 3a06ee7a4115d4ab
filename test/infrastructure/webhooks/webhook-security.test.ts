import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { isForbiddenAddress, mappedIpv4 } from '../../../src/infrastructure/webhooks/address-policy.js';
import { AesGcmWebhookSecrets } from '../../../src/infrastructure/webhooks/aes-gcm-webhook-secrets.js';
import { signWebhook } from '../../../src/infrastructure/webhooks/webhook-signature.js';
import { DnsWebhookUrlPolicy, vettedLookup } from '../../../src/infrastructure/webhooks/webhook-url-policy.js';
import { nextAttemptAt, webhookRetryDelayMs } from '../../../src/infrastructure/webhooks/webhook-retry-schedule.js';

describe('the SSRF address policy', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '100.127.255.255',
    '169.254.169.254', '0.0.0.0', '255.255.255.255', '224.0.0.1', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:10.0.0.1',
    '64:ff9b::7f00:1', '::ffff:0:7f00:1', '::ffff:0:127.0.0.1', '2001:db8::1', 'not-an-address',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  // IPv6 outside global unicast (2000::/3) is never public, whatever IANA assigns there next
  // (5f00::/16 SRv6 segment ids, RFC 9602); 3fff::/20 is the newer documentation prefix (RFC 9637).
  it.each(['5f00::1', '4000::1', 'e000::1', '1::1', '3fff::1', '3fff:fff:ffff::1'])('refuses %s, outside the global unicast IPv6 space or documentation', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001::1', '3ffe:ffff::1', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('reads the IPv4 address inside an IPv4-mapped IPv6 address, in either spelling', () => {
    expect(mappedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(mappedIpv4('::FFFF:10.1.2.3')).toBe('10.1.2.3');
    expect(mappedIpv4('2001:db8::1')).toBeNull();
  });

  it('refuses at creation a host name that resolves to loopback (localhost), and allows anything when private URLs are allowed', async () => {
    await expect(new DnsWebhookUrlPolicy({ allowPrivate: false }).check('http://localhost:9/x')).rejects.toMatchObject({ code: 'validation.invalid', issues: [{ path: '/url' }] });
    await expect(new DnsWebhookUrlPolicy({ allowPrivate: true }).check('http://localhost:9/x')).resolves.toBe('http://localhost:9/x');
  });

  it('refuses at delivery time a name that resolves inside (the socket never connects)', async () => {
    const result = await new Promise<{ err: NodeJS.ErrnoException | null }>((resolve) => vettedLookup('localhost', { all: true }, (err) => resolve({ err })));
    expect(result.err?.name).toBe('ForbiddenAddressError');
  });
});

describe('webhook secrets', () => {
  const secrets = new AesGcmWebhookSecrets('key material key material key material');

  it('are whsec_ + base64 of 32 random bytes, each different', () => {
    const a = secrets.generate();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(secrets.generate()).not.toBe(a);
  });

  it('are sealed (AES-256-GCM, fresh IV each time) and open only under the same key, untampered', () => {
    const secret = secrets.generate();
    const sealed = secrets.seal(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(secrets.seal(secret)).not.toBe(sealed);
    expect(secrets.open(sealed)).toBe(secret);
    expect(() => new AesGcmWebhookSecrets('another key material another key material').open(sealed)).toThrow();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => secrets.open(tampered)).toThrow();
    expect(() => secrets.open('plain')).toThrow();
  });
});

describe('the Standard Webhooks signature', () => {
  it('is v1,base64(HMAC-SHA256(key = base64-decoded secret, "{id}.{timestamp}.{body}")), as the standardwebhooks package verifies it', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const body = '{"id":"evt_1","type":"order.created","createdAt":"2026-01-01T00:00:00.000Z","data":{}}';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signWebhook(secret, 'evt_1', timestamp, body);
    const reference = createHmac('sha256', Buffer.from('0123456789abcdef0123456789abcdef')).update(`evt_1.${timestamp}.${body}`).digest('base64');
    expect(signature).toBe(`v1,${reference}`);
    expect(new Webhook(secret).verify(body, { 'webhook-id': 'evt_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, { 'webhook-id': 'evt_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toThrow();
  });
});

describe('the retry schedule', () => {
  const defaults = { baseMs: 30_000, maxMs: 3_600_000, giveUpAfterMs: 86_400_000 };

  it('puts the first three attempts within 3 minutes, even at the top of the jitter', () => {
    const worst = () => 0.999_999;
    expect(webhookRetryDelayMs(1, defaults, worst) + webhookRetryDelayMs(2, defaults, worst)).toBeLessThan(180_000);
    // …and the first retry within a minute at the latest.
    expect(webhookRetryDelayMs(1, defaults, worst)).toBeLessThan(60_000);
  });

  it('waits at least half the ceiling, doubling up to the cap', () => {
    expect(webhookRetryDelayMs(1, defaults, () => 0)).toBe(15_000);
    expect(webhookRetryDelayMs(3, defaults, () => 0)).toBe(60_000);
    expect(webhookRetryDelayMs(30, defaults, () => 0.999_999)).toBeLessThan(3_600_000);
    expect(webhookRetryDelayMs(30, defaults, () => 0)).toBe(1_800_000);
  });

  it('keeps trying for the whole window (≥ 24 h by default), then gives up', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    let now = start;
    let failures = 0;
    for (;;) {
      failures += 1;
      const next = nextAttemptAt(failures, start, now, defaults, () => 0.5);
      if (next === null) break;
      now = next;
    }
    expect(now.getTime() - start.getTime()).toBeGreaterThanOrEqual(86_400_000);
    expect(failures).toBeGreaterThan(20);
  });
});
