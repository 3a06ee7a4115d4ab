import { describe, expect, it } from 'vitest';
import { CreateProduct } from '../../../src/application/catalog/create-product.use-case.js';
import { DEMO_ADMIN_EMAIL, DEMO_CUSTOMER_EMAIL, SeedDemo } from '../../../src/application/demo/seed-demo.use-case.js';
import { CancelOrder } from '../../../src/application/orders/cancel-order.use-case.js';
import { ConfirmOrder } from '../../../src/application/orders/confirm-order.use-case.js';
import { CreateOrder } from '../../../src/application/orders/create-order.use-case.js';
import { DeliverOrder } from '../../../src/application/orders/deliver-order.use-case.js';
import { ShipOrder } from '../../../src/application/orders/ship-order.use-case.js';
import { CreateAdmin } from '../../../src/application/users/create-admin.use-case.js';
import { RegisterUser } from '../../../src/application/users/register-user.use-case.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { FakeHasher } from '../../support/fakes.js';
import { aHarness } from '../../support/use-case-harness.js';

const setup = () => {
  const h = aHarness();
  const register = new RegisterUser({ ...h.deps, hasher: new FakeHasher() });
  const createAdmin = new CreateAdmin({ ...h.deps, hasher: new FakeHasher() });
  const seed = new SeedDemo({
    users: { register, createAdmin },
    products: { create: new CreateProduct(h.deps) },
    orders: {
      create: new CreateOrder(h.deps),
      confirm: new ConfirmOrder(h.deps),
      cancel: new CancelOrder(h.deps),
      ship: new ShipOrder(h.deps),
      deliver: new DeliverOrder(h.deps),
    },
  });
  return { h, register, seed };
};

const passwords = { adminPassword: 'admin-password-1', customerPassword: 'customer-password-1' };

type Row = Record<string, unknown>;

describe('SeedDemo', () => {
  it('creates the demo admin and customer, a dozen products in USD and EUR, and orders in every status', async () => {
    const { h, seed } = setup();
    expect(await seed.execute(passwords)).toEqual({ seeded: true, products: 12, orders: { pending: 2, confirmed: 2, shipped: 1, delivered: 1, cancelled: 2 } });

    const users = [...h.uow.store.users.values()] as Row[];
    expect(users.map((u) => [u['email'], u['role'], u['passwordHash']])).toEqual([
      [DEMO_ADMIN_EMAIL, 'admin', 'hashed:admin-password-1'],
      [DEMO_CUSTOMER_EMAIL, 'customer', 'hashed:customer-password-1'],
    ]);
    const products = [...h.uow.store.products.values()] as Row[];
    expect(new Set(products.map((p) => p['currency']))).toEqual(new Set(['USD', 'EUR']));
    expect(new Set(products.map((p) => p['sku'])).size).toBe(12);
    const orders = [...h.uow.store.orders.values()] as Row[];
    expect(orders.every((o) => o['customerId'] === users[1]?.['id'])).toBe(true);
    expect(orders.map((o) => (o['items'] as unknown[]).length)).toEqual([2, 1, 2, 2, 1, 2, 1, 1]);
  });

  it('gives back the stock of the confirmed-then-cancelled order and keeps the confirmed orders’ reserved', async () => {
    const { h, seed } = setup();
    await seed.execute(passwords);
    const stock = Object.fromEntries(([...h.uow.store.products.values()] as Row[]).map((p) => [p['sku'], p['stock']]));
    expect(stock).toMatchObject({ 'DEMO-PENS': 200, 'DEMO-STICKERS': 500, 'DEMO-TEE': 24, 'DEMO-CAP': 29, 'DEMO-MOKA': 11, 'DEMO-CUP': 78, 'DEMO-MUG': 40 });
  });

  it('changes nothing when run again (the demo admin exists)', async () => {
    const { h, seed } = setup();
    await seed.execute(passwords);
    const before = structuredClone(h.uow.store);
    expect(await seed.execute(passwords)).toEqual({ seeded: false });
    expect(h.uow.store).toEqual(before);
  });

  it('lets any other failure through (e.g. a password the policy refuses)', async () => {
    const { seed } = setup();
    await expect(seed.execute({ ...passwords, adminPassword: 'short' })).rejects.toBeInstanceOf(DomainError);
    await expect(seed.execute({ ...passwords, adminPassword: 'short' })).rejects.toMatchObject({ code: 'validation.invalid' });
  });
});
