import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/infrastructure/config/config.js';

describe('email and outbox configuration', () => {
  it('has production defaults: 60 s lease, 10 attempts, 250 ms polling, a 60 s safety poll, 1 s → 10 min backoff', () => {
    const config = loadConfig({});
    expect(config.outbox).toEqual({ leaseMs: 60_000, maxAttempts: 10, pollMs: 250, safetyPollMs: 60_000, retryBaseMs: 1_000, retryMaxMs: 600_000 });
    expect(config.mailDomain).toBe('orders.localhost');
    expect(config.runWorker).toBe(true);
  });

  it('reads the OUTBOX_* variables', () => {
    const config = loadConfig({
      OUTBOX_LEASE_MS: '1500',
      OUTBOX_MAX_ATTEMPTS: '3',
      OUTBOX_POLL_MS: '50',
      OUTBOX_SAFETY_POLL_MS: '5000',
      OUTBOX_RETRY_BASE_MS: '100',
      OUTBOX_RETRY_MAX_MS: '100',
    });
    expect(config.outbox).toEqual({ leaseMs: 1_500, maxAttempts: 3, pollMs: 50, safetyPollMs: 5_000, retryBaseMs: 100, retryMaxMs: 100 });
  });

  it.each([
    [{ OUTBOX_LEASE_MS: '50' }, /^OUTBOX_LEASE_MS: must be between 100/],
    [{ OUTBOX_MAX_ATTEMPTS: '0' }, /^OUTBOX_MAX_ATTEMPTS: must be between 1 and 100/],
    [{ OUTBOX_POLL_MS: 'fast' }, /^OUTBOX_POLL_MS: must be a whole number/],
    [{ OUTBOX_SAFETY_POLL_MS: '999' }, /^OUTBOX_SAFETY_POLL_MS: must be between 1000/],
    [{ OUTBOX_RETRY_BASE_MS: '5000', OUTBOX_RETRY_MAX_MS: '1000' }, /^OUTBOX_RETRY_MAX_MS: must not be below OUTBOX_RETRY_BASE_MS/],
    [{ MAIL_FROM: 'Orders' }, /^MAIL_FROM: must be an address/],
    [{ SMTP_URL: 'http://mail.example.com' }, /^SMTP_URL: must start with smtp:\/\/ or smtps:\/\//],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes the Message-ID domain from MAIL_FROM, with or without a display name', () => {
    expect(loadConfig({ MAIL_FROM: 'Shop <no-reply@shop.example.com>' }).mailDomain).toBe('shop.example.com');
    expect(loadConfig({ MAIL_FROM: 'orders@example.org' }).mailDomain).toBe('example.org');
  });
});
