// `npm run cli -- seed-demo` (the built CLI) on a fresh SQLite database, then the API on
// that database: what a newcomer sees after seeding.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/server-process.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const seedDemo = (dataDir: string, ...args: string[]) =>
  execFileSync(process.execPath, ['dist/src/cli.js', 'seed-demo', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'orders.sqlite')}`, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    stdio: 'pipe',
  });

const passwordOf = (output: string, email: string) => new RegExp(`${email}\\s+password: (\\S+)`).exec(output)?.[1];

describe('npm run cli -- seed-demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-demo-'));
  let first: string;
  let second: string;
  let api: TestApp;

  beforeAll(async () => {
    ensureBuilt();
    first = seedDemo(dataDir);
    second = seedDemo(dataDir);
    api = await buildTestApp({ url: `sqlite:${join(dataDir, 'orders.sqlite')}`, drop: async () => undefined });
  });
  afterAll(async () => {
    await api?.close();
  });

  const login = async (email: string, password: string | undefined) => {
    const res = await api.app.inject({ method: 'POST', url: '/auth/token', payload: { email, password } });
    expect(res.statusCode).toBe(200);
    return { authorization: `Bearer ${res.json<{ access_token: string }>().access_token}` };
  };

  it('prints a random password for each demo user, once', () => {
    const admin = passwordOf(first, 'demo-admin@example.com');
    const customer = passwordOf(first, 'demo-customer@example.com');
    expect(admin).toMatch(/^\S{16,}$/);
    expect(customer).toMatch(/^\S{16,}$/);
    expect(admin).not.toBe(customer);
    expect(second).toContain('already there');
    expect(second).not.toContain('password:');
  });

  it('creates an admin and a customer who can log in', async () => {
    const admin = await login('demo-admin@example.com', passwordOf(first, 'demo-admin@example.com'));
    const customer = await login('demo-customer@example.com', passwordOf(first, 'demo-customer@example.com'));
    expect((await api.app.inject({ url: '/users/me', headers: admin })).json()).toMatchObject({ role: 'admin' });
    expect((await api.app.inject({ url: '/users/me', headers: customer })).json()).toMatchObject({ role: 'customer' });
  });

  it('creates a dozen products in USD and EUR, once', async () => {
    const { items } = (await api.app.inject({ url: '/products?limit=100' })).json<{ items: { sku: string; price: { currency: string } }[] }>();
    expect(items).toHaveLength(12);
    expect(new Set(items.map((p) => p.price.currency))).toEqual(new Set(['USD', 'EUR']));
    expect(items.every((p) => p.sku.startsWith('DEMO-'))).toBe(true);
  });

  it("gives the customer orders in every status, once, and takes stock only for confirmed ones", async () => {
    const customer = await login('demo-customer@example.com', passwordOf(first, 'demo-customer@example.com'));
    const { items } = (await api.app.inject({ url: '/orders?limit=100', headers: customer })).json<{ items: { status: string }[] }>();
    const count = (status: string) => items.filter((o) => o.status === status).length;
    expect([count('pending'), count('confirmed'), count('shipped'), count('delivered'), count('cancelled')]).toEqual([2, 2, 1, 1, 2]);
    const products = (await api.app.inject({ url: '/products?limit=100' })).json<{ items: { sku: string; stock: number }[] }>().items;
    const stock = Object.fromEntries(products.map((p) => [p.sku, p.stock]));
    expect(stock).toMatchObject({ 'DEMO-TEE': 24, 'DEMO-CUP': 78, 'DEMO-MUG': 40, 'DEMO-PENS': 200, 'DEMO-BOTTLE': 15 });
  });

  it('uses --password when given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orders-demo-'));
    const output = seedDemo(dir, '--password', 'demo-password');
    expect(passwordOf(output, 'demo-customer@example.com')).toBe('demo-password');
    const other = await buildTestApp({ url: `sqlite:${join(dir, 'orders.sqlite')}`, drop: async () => undefined });
    try {
      const res = await other.app.inject({ method: 'POST', url: '/auth/token', payload: { email: 'demo-customer@example.com', password: 'demo-password' } });
      expect(res.statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});
