import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/infrastructure/config/config.js';

const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });

describe('TRUST_PROXY', () => {
  it('is off by default and for false/0', () => {
    expect(load({}).trustProxy).toBe(false);
    for (const v of ['', 'false', 'FALSE', '0', 'off']) expect(load({ TRUST_PROXY: v }).trustProxy).toBe(false);
  });

  it('takes proxy addresses, CIDRs and proxy-addr range names, comma-separated', () => {
    expect(load({ TRUST_PROXY: ' 10.0.0.1, 10.1.0.0/16 ,loopback,fd00::/8,::1' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16', 'loopback', 'fd00::/8', '::1']);
  });

  it.each([
    ['true', /would trust every hop/],
    ['yes', /would trust every hop/],
    ['1', /hop count/],
    ['2', /hop count/],
    ['10.0.0.0/33', /"10.0.0.0\/33" is not an IP address or CIDR/],
    ['proxy.internal', /is not an IP address or CIDR/],
  ])('refuses %s at start-up with a one-line error naming the variable', (value, message) => {
    let error: unknown;
    try {
      load({ TRUST_PROXY: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^TRUST_PROXY: /);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).not.toContain('\n');
  });
});

describe('REGISTRATIONS_PER_ADDRESS', () => {
  it('is 20 by default; 0 turns the registration throttle off', () => {
    expect(load({}).registrationsPerAddress).toBe(20);
    expect(load({ REGISTRATIONS_PER_ADDRESS: '0' }).registrationsPerAddress).toBe(0);
    expect(() => load({ REGISTRATIONS_PER_ADDRESS: 'many' })).toThrow(ConfigError);
  });
});
