import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/infrastructure/config/config.js';

describe('shop configuration (SHOP_NAME, SHOP_URL, SUPPORT_EMAIL)', () => {
  it('defaults to "Orders", no site and no support address; the sender is "Orders"', () => {
    const config = loadConfig({});
    expect(config.shop).toEqual({ name: 'Orders', url: undefined, supportEmail: undefined });
    expect(config.mailFrom).toBe('Orders <no-reply@orders.localhost>');
  });

  it('reads the three variables, trimming the name; the sender takes the shop name unless MAIL_FROM is set', () => {
    const env = { SHOP_NAME: '  Café Zoë 東京 ', SHOP_URL: 'https://zoe.example/', SUPPORT_EMAIL: 'help@zoe.example' };
    const config = loadConfig(env);
    expect(config.shop).toEqual({ name: 'Café Zoë 東京', url: 'https://zoe.example/', supportEmail: 'help@zoe.example' });
    expect(config.mailFrom).toBe('Café Zoë 東京 <no-reply@orders.localhost>');
    expect(loadConfig({ ...env, MAIL_FROM: 'Zoë <shop@zoe.example>' }).mailFrom).toBe('Zoë <shop@zoe.example>');
  });

  it.each([
    [{ SHOP_NAME: 'Evil\r\nBcc: all@example.com' }, /^SHOP_NAME: must be at most 100 characters, without control characters/],
    [{ SHOP_NAME: 'Shop <x@y.z>' }, /^SHOP_NAME: /],
    [{ SHOP_NAME: 'x'.repeat(101) }, /^SHOP_NAME: /],
    [{ SHOP_URL: 'javascript:alert(1)' }, /^SHOP_URL: must start with https:\/\/ or http:\/\//],
    [{ SHOP_URL: 'zoe.example' }, /^SHOP_URL: is not a valid URL/],
    [{ SUPPORT_EMAIL: 'help at zoe' }, /^SUPPORT_EMAIL: must be an email address/],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
