import { DomainError } from '../../domain/shared/domain-error.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import type { CreateProduct } from '../catalog/create-product.use-case.js';
import type { CancelOrder } from '../orders/cancel-order.use-case.js';
import type { ConfirmOrder } from '../orders/confirm-order.use-case.js';
import type { DeliverOrder } from '../orders/deliver-order.use-case.js';
import type { ShipOrder } from '../orders/ship-order.use-case.js';
import type { CreateOrder } from '../orders/create-order.use-case.js';
import type { Actor } from '../shared/actor.js';
import type { CreateAdmin } from '../users/create-admin.use-case.js';
import type { RegisterUser } from '../users/register-user.use-case.js';

export const DEMO_ADMIN_EMAIL = 'demo-admin@example.com';
export const DEMO_CUSTOMER_EMAIL = 'demo-customer@example.com';

/** A dozen products in two currencies: [sku, name, amount, currency, stock]. */
const PRODUCTS = [
  ['DEMO-MUG', 'Blue mug', '12.50', 'USD', 40],
  ['DEMO-TEE', 'T-shirt', '19.99', 'USD', 25],
  ['DEMO-CAP', 'Baseball cap', '15', 'USD', 30],
  ['DEMO-NOTEBOOK', 'Dot-grid notebook', '8.75', 'USD', 100],
  ['DEMO-PENS', 'Gel pens, pack of 3', '4.2', 'USD', 200],
  ['DEMO-BOTTLE', 'Steel water bottle', '24.00', 'USD', 15],
  ['DEMO-STICKERS', 'Sticker sheet', '2.99', 'USD', 500],
  ['DEMO-ESPRESSO', 'Espresso beans, 250 g', '9.80', 'EUR', 60],
  ['DEMO-MOKA', 'Moka pot', '34.90', 'EUR', 12],
  ['DEMO-TOTE', 'Linen tote bag', '14.50', 'EUR', 35],
  ['DEMO-OLIVE-OIL', 'Olive oil, 500 ml', '11.25', 'EUR', 50],
  ['DEMO-CUP', 'Ceramic cup', '7', 'EUR', 80],
] as const;

type DemoSku = (typeof PRODUCTS)[number][0];

/** The customer's orders: their lines (one currency each), then what happens to them. */
const ORDERS: { lines: [DemoSku, number][]; then: ('confirm' | 'cancel' | 'ship' | 'deliver')[] }[] = [
  { lines: [['DEMO-MUG', 2], ['DEMO-NOTEBOOK', 1]], then: [] },
  { lines: [['DEMO-ESPRESSO', 2]], then: [] },
  { lines: [['DEMO-TEE', 1], ['DEMO-CAP', 1]], then: ['confirm'] },
  { lines: [['DEMO-MOKA', 1], ['DEMO-CUP', 2]], then: ['confirm'] },
  { lines: [['DEMO-BOTTLE', 1]], then: ['cancel'] },
  { lines: [['DEMO-PENS', 3], ['DEMO-STICKERS', 4]], then: ['confirm', 'cancel'] }, // its stock comes back
  { lines: [['DEMO-NOTEBOOK', 1]], then: ['confirm', 'ship'] },
  { lines: [['DEMO-OLIVE-OIL', 2]], then: ['confirm', 'ship', 'deliver'] },
];

/** Shipping and delivering are the admin's; everything else the customer's. */
const BY_ADMIN = new Set(['ship', 'deliver']);

export interface SeedDemoDeps {
  users: { register: RegisterUser; createAdmin: CreateAdmin };
  products: { create: CreateProduct };
  orders: { create: CreateOrder; confirm: ConfirmOrder; cancel: CancelOrder; ship: ShipOrder; deliver: DeliverOrder };
}

export interface SeedDemoInput {
  adminPassword: string;
  customerPassword: string;
}

export type SeedDemoResult =
  | { seeded: true; products: number; orders: Record<OrderStatus, number> }
  /** The demo admin exists already: nothing was changed. */
  | { seeded: false };

/**
 * Demo data through the ordinary use cases (so it obeys every rule): a demo admin and
 * customer, a dozen products in USD and EUR, and the customer's orders in every status.
 * Running it again changes nothing: the demo admin's existence means it has run.
 */
export class SeedDemo {
  constructor(private readonly deps: SeedDemoDeps) {}

  async execute(input: SeedDemoInput): Promise<SeedDemoResult> {
    const { users, products, orders } = this.deps;
    let admin: Actor;
    try {
      admin = { userId: (await users.createAdmin.execute({ email: DEMO_ADMIN_EMAIL, password: input.adminPassword })).id, role: 'admin' };
    } catch (e) {
      if (e instanceof DomainError && e.code === 'user.email_taken') return { seeded: false };
      throw e;
    }
    const customer: Actor = {
      userId: (await users.register.execute({ email: DEMO_CUSTOMER_EMAIL, password: input.customerPassword })).id,
      role: 'customer',
    };

    const ids = new Map<string, string>();
    for (const [sku, name, amount, currency, stock] of PRODUCTS) {
      ids.set(sku, (await products.create.execute({ actor: admin, sku, name, price: { amount, currency }, stock })).id);
    }

    const counts: Record<OrderStatus, number> = { pending: 0, confirmed: 0, shipped: 0, delivered: 0, cancelled: 0 };
    for (const { lines, then } of ORDERS) {
      const items = lines.map(([sku, quantity]) => ({ productId: ids.get(sku) ?? sku, quantity }));
      let order = await orders.create.execute({ actor: customer, items });
      for (const step of then) order = await orders[step].execute({ actor: BY_ADMIN.has(step) ? admin : customer, orderId: order.id });
      counts[order.status] += 1;
    }
    return { seeded: true, products: PRODUCTS.length, orders: counts };
  }
}
