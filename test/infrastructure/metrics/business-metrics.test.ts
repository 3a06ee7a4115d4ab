import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryMailer } from '../../../src/infrastructure/in-memory/in-memory-mailer.js';
import { createSqliteDatabase } from '../../support/databases.js';
import { FakeHasher } from '../../support/fakes.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;

/** Every sample of a scrape, keyed as written: `name` or `name{label="value"}`. */
const scrape = async (app: FastifyInstance): Promise<Map<string, number>> => {
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  const samples = new Map<string, number>();
  for (const line of res.body.split('\n')) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
};

/** How much each named sample grew while `act` ran (a missing sample counts as 0 before, and fails after). */
const deltas = async (app: FastifyInstance, names: string[], act: () => Promise<unknown>): Promise<Record<string, number>> => {
  const before = await scrape(app);
  await act();
  const after = await scrape(app);
  return Object.fromEntries(
    names.map((name) => {
      expect(after.has(name), `${name} on /metrics`).toBe(true);
      return [name, after.get(name)! - (before.get(name) ?? 0)];
    }),
  );
};

const PASSWORD = 'correct horse battery';

// The counters are database-independent (they see the unit of work and the edge), so SQLite only.
describe('business counters on /metrics', () => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let alice: Headers;
  const mailer = new InMemoryMailer();
  let n = 0;

  const inject = (o: InjectOptions) => t.app.inject(o);
  const product = async (stock: number): Promise<string> => {
    const res = await t.app.inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: `M-${++n}`, name: `Metric ${n}`, price: { amount: '2.50', currency: 'EUR' }, stock } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const order = async (productId: string, quantity: number): Promise<string> => {
    const res = await t.app.inject({ method: 'POST', url: '/orders', headers: alice, payload: { items: [{ productId, quantity }] } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db, {}, { hasher: new FakeHasher(), mailer });
    admin = (await adminAndLogin(t)).auth;
    alice = (await registerAndLogin(t.app, 'alice@example.com', PASSWORD)).auth;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('exposes every series from zero before anything happened', async () => {
    const fresh = await buildTestApp(db, {}, { hasher: new FakeHasher() });
    try {
      const samples = await scrape(fresh.app);
      for (const name of [
        'orders_created_total',
        'orders_confirmed_total',
        'orders_cancelled_total',
        'orders_shipped_total',
        'orders_delivered_total',
        'registrations_total',
        'order_confirmations_refused_total{reason="stock"}',
        'logins_total{outcome="success"}',
        'logins_total{outcome="wrong_password"}',
        'logins_total{outcome="throttled"}',
        'emails_total{outcome="sent"}',
        'emails_total{outcome="skipped"}',
        'emails_total{outcome="failed"}',
        'webhook_deliveries_total{outcome="succeeded"}',
        'webhook_deliveries_total{outcome="failed"}',
        'webhook_deliveries_total{outcome="retrying"}',
      ]) expect(samples.get(name), name).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('counts a registration and a successful login', async () => {
    const d = await deltas(t.app, ['registrations_total', 'logins_total{outcome="success"}', 'logins_total{outcome="wrong_password"}'], () =>
      registerAndLogin(t.app, 'bob@example.com', PASSWORD),
    );
    expect(d).toEqual({ registrations_total: 1, 'logins_total{outcome="success"}': 1, 'logins_total{outcome="wrong_password"}': 0 });
  });

  it('does not count a refused registration (the email is taken)', async () => {
    const d = await deltas(t.app, ['registrations_total'], async () => {
      expect((await inject({ method: 'POST', url: '/users', payload: { email: 'alice@example.com', password: PASSWORD } })).statusCode).toBe(409);
    });
    expect(d.registrations_total).toBe(0);
  });

  it('counts wrong passwords (and unknown emails) as wrong_password, then the throttled attempts', async () => {
    await registerAndLogin(t.app, 'carol@example.com', PASSWORD);
    const names = ['logins_total{outcome="success"}', 'logins_total{outcome="wrong_password"}', 'logins_total{outcome="throttled"}'];
    const d = await deltas(t.app, names, async () => {
      expect((await inject({ method: 'POST', url: '/auth/token', payload: { email: 'nobody@example.com', password: 'whatever it is' } })).statusCode).toBe(401);
      // The account limit is 10 attempts a minute (docs/security.md): 9 more wrong ones, then 2 refused before any check.
      for (let i = 0; i < 9; i++) {
        expect((await inject({ method: 'POST', url: '/auth/token', payload: { email: 'carol@example.com', password: 'not her password' } })).statusCode).toBe(401);
      }
      expect((await inject({ method: 'POST', url: '/auth/token', payload: { email: 'carol@example.com', password: 'not her password' } })).statusCode).toBe(401);
      for (let i = 0; i < 2; i++) {
        expect((await inject({ method: 'POST', url: '/auth/token', payload: { email: 'carol@example.com', password: PASSWORD } })).statusCode).toBe(429);
      }
    });
    expect(d).toEqual({ [names[0]!]: 0, [names[1]!]: 11, [names[2]!]: 2 });
  });

  it('counts a right password on a deactivated account as inactive', async () => {
    const { user } = await registerAndLogin(t.app, 'frank@example.com', PASSWORD);
    expect((await inject({ method: 'POST', url: `/users/${user.id}/deactivate`, headers: admin })).statusCode).toBe(200);
    const names = ['logins_total{outcome="inactive"}', 'logins_total{outcome="success"}'];
    const d = await deltas(t.app, names, async () => {
      expect((await inject({ method: 'POST', url: '/auth/token', payload: { email: 'frank@example.com', password: PASSWORD } })).statusCode).toBe(401);
    });
    expect(d).toEqual({ [names[0]!]: 1, [names[1]!]: 0 });
  });

  it('does not count a refresh grant or a malformed login as a login', async () => {
    const names = ['logins_total{outcome="success"}', 'logins_total{outcome="wrong_password"}'];
    const d = await deltas(t.app, names, async () => {
      expect((await inject({ method: 'POST', url: '/auth/token', payload: { refreshToken: 'not-a-token' } })).statusCode).toBe(401);
      expect((await inject({ method: 'POST', url: '/auth/token', payload: { email: 'alice@example.com' } })).statusCode).toBe(422);
    });
    expect(d).toEqual({ [names[0]!]: 0, [names[1]!]: 0 });
  });

  it('counts an order created, confirmed and cancelled', async () => {
    const mug = await product(5);
    const names = ['orders_created_total', 'orders_confirmed_total', 'orders_cancelled_total'];
    const d = await deltas(t.app, names, async () => {
      const id = await order(mug, 2);
      expect((await inject({ method: 'POST', url: `/orders/${id}/confirm`, headers: alice })).statusCode).toBe(200);
      expect((await inject({ method: 'POST', url: `/orders/${id}/cancel`, headers: alice })).statusCode).toBe(200);
    });
    expect(d).toEqual({ orders_created_total: 1, orders_confirmed_total: 1, orders_cancelled_total: 1 });
  });

  it('counts an order created once under its Idempotency-Key, however often the request is retried', async () => {
    const d = await deltas(t.app, ['orders_created_total'], async () => {
      for (let i = 0; i < 3; i++) {
        expect((await inject({ method: 'POST', url: '/orders', headers: { ...alice, 'idempotency-key': 'metrics-create-1' }, payload: {} })).statusCode).toBe(201);
      }
    });
    expect(d.orders_created_total).toBe(1);
  });

  it('counts a confirmation refused for stock as a refusal, and not as a confirmation (its transaction rolled back)', async () => {
    const scarce = await product(1);
    const id = await order(scarce, 3);
    const names = ['orders_confirmed_total', 'order_confirmations_refused_total{reason="stock"}'];
    const d = await deltas(t.app, names, async () => {
      const res = await inject({ method: 'POST', url: `/orders/${id}/confirm`, headers: alice });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('stock.insufficient');
    });
    expect(d).toEqual({ orders_confirmed_total: 0, 'order_confirmations_refused_total{reason="stock"}': 1 });
  });

  it('counts other business refusals under their code, and not a request that was merely wrong', async () => {
    const empty = (await inject({ method: 'POST', url: '/orders', headers: alice, payload: {} })).json().id as string;
    const before = await scrape(t.app);
    expect((await inject({ method: 'POST', url: `/orders/${empty}/confirm`, headers: alice })).statusCode).toBe(409);
    expect((await inject({ method: 'POST', url: `/orders/${empty}/confirm`, headers: { ...alice, 'if-match': '"99"' } })).statusCode).toBe(412);
    expect((await inject({ method: 'POST', url: '/orders/01900000-0000-7000-8000-000000000000/confirm', headers: alice })).statusCode).toBe(404);
    const after = await scrape(t.app);
    const refusals = (samples: Map<string, number>) =>
      [...samples].filter(([name]) => name.startsWith('order_confirmations_refused_total{')).reduce((sum, [, v]) => sum + v, 0);
    expect(after.get('order_confirmations_refused_total{reason="order_empty"}')).toBe(1);
    expect(refusals(after) - refusals(before)).toBe(1);
  });

  it('counts the emails the outbox worker settles: sent, skipped (no email for the event) and failed', async () => {
    // Drain what earlier tests left (order events too), so the round below settles only these three.
    while ((await t.services.dispatcher.dispatchOnce()) > 0);
    const names = ['emails_total{outcome="sent"}', 'emails_total{outcome="skipped"}', 'emails_total{outcome="failed"}'];
    const d = await deltas(t.app, names, async () => {
      await inject({ method: 'POST', url: '/users', payload: { email: 'dave@example.com', password: PASSWORD } });
      await inject({ method: 'POST', url: '/users', payload: { email: 'erin@example.com', password: PASSWORD } });
      // A reset asked for an address with no account: the event has nothing to send.
      expect((await inject({ method: 'POST', url: '/auth/password-reset', payload: { email: 'nobody@example.com' } })).statusCode).toBe(202);
      mailer.failNext(1);
      expect(await t.services.dispatcher.dispatchOnce()).toBe(3);
    });
    expect(d).toEqual({ [names[0]!]: 1, [names[1]!]: 1, [names[2]!]: 1 });
  });

  it('counts webhook deliveries reported through the composition root’s seam', async () => {
    const d = await deltas(t.app, ['webhook_deliveries_total{outcome="succeeded"}', 'webhook_deliveries_total{outcome="retrying"}'], async () => {
      t.services.metrics.webhookDelivery('succeeded');
      t.services.metrics.webhookDelivery('retrying');
      t.services.metrics.webhookDelivery('succeeded');
    });
    expect(d).toEqual({ 'webhook_deliveries_total{outcome="succeeded"}': 2, 'webhook_deliveries_total{outcome="retrying"}': 1 });
  });
});
