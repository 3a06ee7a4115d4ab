import { describe, expect, it } from 'vitest';
import { CreateOrder } from '../../../src/application/orders/create-order.use-case.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aHarness, customer, T0 } from '../../support/use-case-harness.js';

describe('CreateOrder', () => {
  it('opens an empty pending order for the caller', async () => {
    const h = aHarness();
    const order = await new CreateOrder(h.deps).execute({ actor: customer });
    expect(order).toEqual({
      id: 'id-000001',
      customerId: customer.userId,
      status: 'pending',
      items: [],
      total: { amount: '0.00', currency: 'USD' },
      // Empty: nothing to change, remove or confirm yet.
      allowedActions: ['addItem', 'cancel'],
      shipment: null,
      version: 1,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
    expect(await h.storedOrder(order.id)).not.toBeNull();
    expect(h.uow.events.map((e) => [e.type, e.aggregateId])).toEqual([['OrderCreated', order.id]]);
  });

  it('starts with the given items at their current prices, merging repeats', async () => {
    const h = aHarness();
    const mug = aProduct().withPrice('4.50').build();
    const tea = aProduct().withPrice('0.99').build();
    await h.seed(mug, tea);

    const order = await new CreateOrder(h.deps).execute({
      actor: customer,
      items: [
        { productId: mug.id, quantity: 1 },
        { productId: tea.id, quantity: 3 },
        { productId: mug.id, quantity: 2 },
      ],
    });

    expect(order.items).toEqual([
      { id: expect.any(String), productId: mug.id, quantity: 3, unitPrice: { amount: '4.50', currency: 'USD' }, lineTotal: { amount: '13.50', currency: 'USD' } },
      { id: expect.any(String), productId: tea.id, quantity: 3, unitPrice: { amount: '0.99', currency: 'USD' }, lineTotal: { amount: '2.97', currency: 'USD' } },
    ]);
    expect(order.total).toEqual({ amount: '16.47', currency: 'USD' });
  });

  it('does not touch stock (only confirming reserves)', async () => {
    const h = aHarness();
    const mug = aProduct().withStock(1).build();
    await h.seed(mug);
    await new CreateOrder(h.deps).execute({ actor: customer, items: [{ productId: mug.id, quantity: 5 }] });
    expect(await h.stockOf(mug.id)).toBe(1);
  });

  it('answers product.not_found naming the unknown product, and stores nothing', async () => {
    const h = aHarness();
    const mug = aProduct().build();
    await h.seed(mug);
    await expect(
      new CreateOrder(h.deps).execute({
        actor: customer,
        items: [{ productId: mug.id, quantity: 1 }, { productId: 'ghost', quantity: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'product.not_found', details: { productId: 'ghost' } });
    expect(h.uow.store.orders.size).toBe(0);
  });

  it('points a bad quantity at its place in the request', async () => {
    const h = aHarness();
    const mug = aProduct().build();
    await h.seed(mug);
    await expect(
      new CreateOrder(h.deps).execute({
        actor: customer,
        items: [{ productId: mug.id, quantity: 1 }, { productId: mug.id, quantity: 0 }],
      }),
    ).rejects.toMatchObject({ code: 'validation.invalid', issues: [expect.objectContaining({ path: '/items/1/quantity' })] });
  });

  it('refuses mixed currencies, pointing at the offending productId', async () => {
    const h = aHarness();
    const usd = aProduct().withPrice('1', 'USD').build();
    const eur = aProduct().withPrice('1', 'EUR').build();
    await h.seed(usd, eur);
    await expect(
      new CreateOrder(h.deps).execute({
        actor: customer,
        items: [{ productId: usd.id, quantity: 1 }, { productId: eur.id, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'order.currency_mismatch', issues: [expect.objectContaining({ path: '/items/1/productId' })] });
    expect(h.uow.store.orders.size).toBe(0);
  });
});
