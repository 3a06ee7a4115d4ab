import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../support/databases.js';
import { ensureBuilt, startServer } from '../support/server-process.js';

interface Order {
  id: string;
  status: string;
  items: { productId: string; quantity: number }[];
  total: { amount: string; currency: string };
}

const json = (base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) =>
  fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

const login = async (base: string, email: string, password: string) =>
  ((await (await json(base, '/auth/token', { method: 'POST', body: { email, password } })).json()) as { access_token: string }).access_token;

/** kill -9 in the middle of a write load: every order the server acknowledged (2xx) is there after a restart, complete. */
describe.each(sqlTargets)('crash durability on $name', (target) => {
  beforeAll(() => ensureBuilt());

  it('after SIGKILL and a restart, every acknowledged order is there with all its items', async () => {
    const db = await target.create();
    const env = { DATABASE_URL: db.url, DATA_DIR: mkdtempSync(join(tmpdir(), 'orders-crash-')), LOG_LEVEL: 'warn', RUN_WORKER: 'false' };
    try {
      execFileSync(process.execPath, ['dist/src/cli.js', 'create-admin', '--email', 'root@example.com', '--password', 'root password'], { env: { ...process.env, ...env } });
      let server = await startServer(env);
      const admin = await login(server.baseUrl, 'root@example.com', 'root password');
      const products: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await json(server.baseUrl, '/products', { method: 'POST', token: admin, body: { sku: `CRASH-${i}`, name: `Crash ${i}`, price: { amount: '3.10', currency: 'USD' }, stock: 1_000_000 } });
        products.push(((await res.json()) as { id: string }).id);
      }
      await json(server.baseUrl, '/users', { method: 'POST', body: { email: 'buyer@example.com', password: 'buyer password' } });
      const buyer = await login(server.baseUrl, 'buyer@example.com', 'buyer password');

      // Write load: 16 concurrent writers creating and confirming orders until the kill.
      const acknowledged = new Map<string, Order>();
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop && i < 10_000; i++) {
          try {
            const items = products.slice(0, 1 + ((w + i) % 3)).map((productId, k) => ({ productId, quantity: 1 + k }));
            const created = await json(server.baseUrl, '/orders', { method: 'POST', token: buyer, body: { items } });
            if (created.status !== 201) continue;
            const order = (await created.json()) as Order;
            acknowledged.set(order.id, order);
            const confirmed = await json(server.baseUrl, `/orders/${order.id}/confirm`, { method: 'POST', token: buyer });
            if (confirmed.status === 200) acknowledged.set(order.id, (await confirmed.json()) as Order);
          } catch {
            return; // the server died under us: requests without an answer were never acknowledged
          }
        }
      };
      const writers = Array.from({ length: 16 }, (_, w) => writer(w));
      await new Promise((r) => setTimeout(r, 1_500));
      await server.stop('SIGKILL');
      stop = true;
      await Promise.all(writers);
      expect(acknowledged.size).toBeGreaterThan(20);

      server = await startServer(env);
      try {
        let missing = 0;
        for (const [id, ack] of acknowledged) {
          const res = await json(server.baseUrl, `/orders/${id}`, { token: buyer });
          if (res.status !== 200) {
            missing++;
            continue;
          }
          const now = (await res.json()) as Order;
          // Complete: the same lines and total; at least as far along as acknowledged.
          expect(now.items.map((i) => [i.productId, i.quantity])).toEqual(ack.items.map((i) => [i.productId, i.quantity]));
          expect(now.total).toEqual(ack.total);
          if (ack.status === 'confirmed') expect(now.status).toBe('confirmed');
        }
        const confirmed = [...acknowledged.values()].filter((o) => o.status === 'confirmed').length;
        console.log(`crash (${target.name}): ${acknowledged.size} orders acknowledged (${confirmed} confirmed) before SIGKILL; ${missing} missing after restart`);
        expect(missing).toBe(0);
      } finally {
        await server.stop();
      }
    } finally {
      await db.drop();
    }
  }, 60_000);
});
