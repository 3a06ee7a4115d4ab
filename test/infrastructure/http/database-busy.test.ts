import BetterSqlite3 from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/domain/shared/clock.port.js';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAliceAndBob, buildTestApp, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;

/**
 * A clock that, once armed, lets "another process" (a second connection to the same file)
 * write and commit the next time the app asks for the time — inside the app's transaction,
 * after it has read and before it writes, the window two processes on one file race in.
 */
class InterleavingClock implements Clock {
  private armed: { write: () => void; skip: number } | null = null;
  now(): Date {
    if (this.armed && this.armed.skip-- === 0) {
      const { write } = this.armed;
      this.armed = null;
      write();
    }
    return new Date();
  }
  /** `skip`: calls to let pass first (the bearer token's expiry check reads the clock before any transaction). */
  arm(write: () => void, skip: number): void {
    this.armed = { write, skip };
  }
}

const expectUnavailable = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.body).not.toMatch(/sqlite|locked|SQLITE_/i);
};

/** Two processes on one SQLite file: a change takes the write lock first; a lock the other keeps too long is a 503 with Retry-After. */
describe('SQLite busy or locked by another process over HTTP', () => {
  let db: TestDatabase;
  let t: TestApp;
  let alice: Headers;
  let aliceId: string;
  let admin: Headers;
  let productId: string;
  let other: BetterSqlite3.Database;
  const clock = new InterleavingClock();

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db, {}, { clock });
    other = new BetterSqlite3(db.url.slice('sqlite:'.length));
    const cast = await adminAliceAndBob(t);
    alice = cast.alice.auth;
    aliceId = cast.alice.id;
    admin = cast.admin;
    const product = await t.app.inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: 'BUSY-1', name: 'Busy', price: { amount: '1.00', currency: 'USD' }, stock: 100 } });
    productId = product.json().id as string;
  });
  afterAll(async () => {
    other.close();
    await t.close();
    await db.drop();
  });

  it('a change holds the write lock from BEGIN: another process writing meanwhile waits its turn, and the change succeeds', async () => {
    const order = await t.app.inject({ method: 'POST', url: '/orders', headers: alice, payload: { items: [{ productId, quantity: 1 }] } });
    const orderId = order.json().id as string;
    // The other process does not wait (timeout 0): it reports the lock the app's transaction holds.
    const impatient = new BetterSqlite3(db.url.slice('sqlite:'.length), { timeout: 0 });
    let otherWrite: unknown = null;
    clock.arm(() => {
      try {
        // A real change: SQLite commits nothing for an update that leaves every byte as it was.
        impatient.prepare("update users set email = 'alice+elsewhere@example.com' where id = ?").run(aliceId);
      } catch (error) {
        otherWrite = error;
      }
    }, 1);
    try {
      // Before BEGIN IMMEDIATE the other write committed between the order's read and its write,
      // and the change died with SQLITE_BUSY_SNAPSHOT (a 500, then a 503).
      const res = await t.app.inject({ method: 'POST', url: `/orders/${orderId}/items`, headers: alice, payload: { productId, quantity: 2 } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ version: 2, items: [{ quantity: 3 }] });
      expect(otherWrite).toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      impatient.close();
    }
  });

  it('a write lock another process holds past the busy timeout answers 503 with Retry-After', async () => {
    other.exec('begin immediate');
    try {
      expectUnavailable(await t.app.inject({ method: 'POST', url: '/orders', headers: alice, payload: {} }));
    } finally {
      other.exec('rollback');
    }
  }, 30_000);
});
