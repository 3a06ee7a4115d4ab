import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdjustStock } from '../../../src/application/catalog/adjust-stock.use-case.js';
import { CreateProduct } from '../../../src/application/catalog/create-product.use-case.js';
import { UpdateProduct } from '../../../src/application/catalog/update-product.use-case.js';
import { CancelOrder } from '../../../src/application/orders/cancel-order.use-case.js';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import { CreateOrder } from '../../../src/application/orders/create-order.use-case.js';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import type { Actor } from '../../../src/application/shared/actor.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { SystemClock } from '../../../src/infrastructure/system/system-clock.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { aUser } from '../../support/mothers/user.mother.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

/** One step of a random history: indexes pick among the products and orders created so far. */
type Op =
  | { kind: 'create'; stock: number }
  | { kind: 'adjust'; product: number; delta: number }
  | { kind: 'set'; product: number; stock: number }
  | { kind: 'order'; lines: { product: number; quantity: number }[] }
  | { kind: 'cancel'; order: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), stock: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant('adjust' as const), product: fc.nat(), delta: fc.integer({ min: -8, max: 8 }).filter((d) => d !== 0) }),
  fc.record({ kind: fc.constant('set' as const), product: fc.nat(), stock: fc.integer({ min: 0, max: 12 }) }),
  fc.record({
    kind: fc.constant('order' as const),
    lines: fc.array(fc.record({ product: fc.nat(), quantity: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat() }),
);

/** Refusals a random history is expected to meet (short stock, an already cancelled order…); anything else fails the property. */
const expectedRefusal = (e: unknown): boolean => e instanceof DomainError;

/**
 * The ledger's invariant under random mixes of every stock change, one after another and all at
 * once: after each run, every product's movements sum to its stock, and no stock is negative.
 */
describe.each(uowTargets)('stock ledger property on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;
  const admin: Actor = { userId: 'admin-x', role: 'admin' };
  let customer: Actor;
  const products: string[] = [];
  const orders: string[] = [];

  beforeAll(async () => {
    ({ uow, close } = await target.open());
    const user = aUser().build();
    await uow.run((tx) => tx.users.insert(user));
    customer = { userId: user.id, role: 'customer' };
  });
  afterAll(async () => close());

  const deps = () => ({ uow, clock: new SystemClock(), ids: new UuidV7IdGenerator(), stock: { lowStockThreshold: 5 } });
  let n = 0;

  const apply = async (step: Op): Promise<void> => {
    const d = deps();
    const pick = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
    switch (step.kind) {
      case 'create': {
        const p = await new CreateProduct(d).execute({ actor: admin, sku: `PROP-${target.name}-${++n}`, name: `Prop ${n}`, price: { amount: '1.00', currency: 'USD' }, stock: step.stock });
        products.push(p.id);
        return;
      }
      case 'adjust': {
        const productId = pick(products, step.product);
        if (productId) await new AdjustStock(d).execute({ actor: admin, productId, delta: step.delta, reason: 'property' });
        return;
      }
      case 'set': {
        const productId = pick(products, step.product);
        if (productId) await new UpdateProduct(d).execute({ actor: admin, productId, stock: step.stock });
        return;
      }
      case 'order': {
        const items = step.lines.flatMap((l) => {
          const productId = pick(products, l.product);
          return productId ? [{ productId, quantity: l.quantity }] : [];
        });
        if (items.length === 0) return;
        const order = await new CreateOrder(d).execute({ actor: customer, items });
        orders.push(order.id);
        await new ConfirmOrder(d).execute({ actor: customer, orderId: order.id });
        return;
      }
      case 'cancel': {
        const orderId = pick(orders, step.order);
        if (orderId) await new CancelOrder(d).execute({ actor: customer, orderId });
        return;
      }
    }
  };
  const attempt = (step: Op) => apply(step).catch((e: unknown) => {
    if (!expectedRefusal(e)) throw e;
  });

  const checkInvariant = async () => {
    for (const productId of products) {
      const product = await uow.read((tx) => tx.productViews.byId(productId));
      let sum = 0;
      let after: string | null = null;
      for (;;) {
        const page = await uow.read((tx) => tx.productViews.movements({ productId, after, limit: 100 }));
        sum += page.reduce((s, m) => s + m.delta, 0);
        if (page.length < 100) break;
        after = page[page.length - 1]!.id;
      }
      expect(product!.stock).toBeGreaterThanOrEqual(0);
      expect(sum, `movements of ${productId}`).toBe(product!.stock);
    }
  };

  const runs = target.name === 'in-memory' ? 40 : 12;
  // A dozen random histories against a real database: about a second alone, far more on a loaded CI host.
  const PROPERTY_TIMEOUT_MS = 120_000;

  it('sequential histories keep movements summing to stock, stock never negative', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 15 }), async (history) => {
        for (const step of history) await attempt(step);
        await checkInvariant();
      }),
      { numRuns: runs },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('parallel histories (every step at once) keep the same invariant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 12 }), async (history) => {
        // Products first, so the parallel steps have something to race on.
        if (products.length === 0) await attempt({ kind: 'create', stock: 10 });
        await Promise.all(history.map((step) => attempt(step)));
        await checkInvariant();
      }),
      { numRuns: runs },
    );
  }, PROPERTY_TIMEOUT_MS);
});
