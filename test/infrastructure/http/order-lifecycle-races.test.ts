import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;

/**
 * Ship and cancel racing for one confirmed order, on two app instances sharing the database:
 * exactly one wins, the other is refused with the loser's 409, and the history ends with the
 * winner's event, one per version, with no gap.
 */
describe.each(sqlTargets)('ship vs cancel races on $name', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let second: TestApp;
  let admin: Headers;
  let alice: Headers;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
    second = await buildTestApp(db);
    admin = (await adminAndLogin(t)).auth;
    alice = (await registerAndLogin(t.app, 'alice@example.com')).auth;
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
    await db?.drop();
  });

  it('exactly one of a parallel ship and cancel wins, every round; stock and history agree with the winner', async () => {
    const product = await t.app.inject({
      method: 'POST',
      url: '/products',
      headers: admin,
      payload: { sku: 'RACE-SHIP', name: 'Race', price: { amount: '1.00', currency: 'USD' }, stock: 1000 },
    });
    const productId = product.json().id as string;
    const stock = async () => (await t.app.inject({ method: 'GET', url: `/products/${productId}` })).json().stock as number;
    const winners = { ship: 0, cancel: 0 };
    for (let round = 0; round < 12; round++) {
      const created = await t.app.inject({ method: 'POST', url: '/orders', headers: alice, payload: { items: [{ productId, quantity: 3 }] } });
      const id = created.json().id as string;
      expect((await t.app.inject({ method: 'POST', url: `/orders/${id}/confirm`, headers: alice })).statusCode).toBe(200);
      const before = await stock();
      // Alternate which instance serves which request, and which is sent first.
      const apps: FastifyInstance[] = round % 2 === 0 ? [t.app, second.app] : [second.app, t.app];
      const ship = () => apps[0]!.inject({ method: 'POST', url: `/orders/${id}/ship`, headers: admin, payload: { trackingNumber: `TN-${round}` } });
      const cancel = () => apps[1]!.inject({ method: 'POST', url: `/orders/${id}/cancel`, headers: alice });
      const [shipped, cancelled] = round % 3 === 0 ? (await Promise.all([cancel(), ship()])).reverse() : await Promise.all([ship(), cancel()]);

      const statuses = [shipped!.statusCode, cancelled!.statusCode].sort();
      expect(statuses, `${shipped!.body} / ${cancelled!.body}`).toEqual([200, 409]);
      const shipWon = shipped!.statusCode === 200;
      winners[shipWon ? 'ship' : 'cancel'] += 1;
      if (shipWon) expect(cancelled!.json().code).toBe('order.already_shipped');
      else expect(shipped!.json().code).toBe('order.not_confirmed');

      const order = (await t.app.inject({ method: 'GET', url: `/orders/${id}`, headers: admin })).json();
      expect(order).toMatchObject({ status: shipWon ? 'shipped' : 'cancelled', version: 3 });
      expect(await stock()).toBe(shipWon ? before : before + 3);
      const history = (await t.app.inject({ method: 'GET', url: `/orders/${id}/history`, headers: admin })).json() as { items: { type: string; version: number }[] };
      expect(history.items.map((e) => `${e.version}:${e.type}`)).toEqual(['1:created', '2:confirmed', `3:${shipWon ? 'shipped' : 'cancelled'}`]);
    }
    console.log(`[${target.name}] ship vs cancel, 12 rounds: ship won ${winners.ship}, cancel won ${winners.cancel}`);
  }, 60_000);
});
