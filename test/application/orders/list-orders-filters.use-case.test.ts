import { describe, expect, it } from 'vitest';
import { ListOrders } from '../../../src/application/orders/list-orders.use-case.js';
import { anOrder } from '../../support/mothers/order.mother.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { admin, aHarness, customer, otherCustomer } from '../../support/use-case-harness.js';

const day = (d: number) => new Date(Date.UTC(2025, 2, d));

const setup = async () => {
  const h = aHarness();
  const product = aProduct().build();
  await h.seed(
    product,
    anOrder().withId('o-1').ownedBy(customer.userId).withItem(product).at(day(1)).build(),
    anOrder().withId('o-2').ownedBy(otherCustomer.userId).withItem(product).at(day(2)).confirmed().build(),
    anOrder().withId('o-3').ownedBy(customer.userId).withItem(product).at(day(3)).confirmed().build(),
    anOrder().withId('o-4').ownedBy(otherCustomer.userId).withItem(product).at(day(4)).build(),
  );
  return { h, list: new ListOrders(h.deps) };
};

const ids = (page: { items: { id: string }[] }) => page.items.map((o) => o.id);

describe('ListOrders admin filters', () => {
  it('an admin filters by customer, alone or with status and dates', async () => {
    const { list } = await setup();
    expect(ids(await list.execute({ actor: admin, customerId: otherCustomer.userId }))).toEqual(['o-2', 'o-4']);
    expect(ids(await list.execute({ actor: admin, customerId: otherCustomer.userId, status: 'confirmed' }))).toEqual(['o-2']);
    expect(ids(await list.execute({ actor: admin, customerId: 'nobody' }))).toEqual([]);
  });

  it('createdFrom is inclusive, createdTo exclusive, and any offset names the same instant', async () => {
    const { list } = await setup();
    expect(ids(await list.execute({ actor: admin, createdFrom: '2025-03-02T00:00:00Z', createdTo: '2025-03-04T00:00:00Z' }))).toEqual(['o-2', 'o-3']);
    // 2025-03-02T01:00:00+01:00 is 2025-03-02T00:00:00Z: inclusive, so o-2 is in.
    expect(ids(await list.execute({ actor: admin, createdFrom: '2025-03-02T01:00:00+01:00' }))).toEqual(['o-2', 'o-3', 'o-4']);
    // 2025-03-03T08:00:00+08:00 is 2025-03-03T00:00:00Z: exclusive, so o-3 is out.
    expect(ids(await list.execute({ actor: admin, createdTo: '2025-03-03T08:00:00+08:00' }))).toEqual(['o-1', 'o-2']);
    // A sub-millisecond bound rounds up: an order at .000 is before 00:00:00.0005, so not "from" it.
    expect(ids(await list.execute({ actor: admin, createdFrom: '2025-03-02T00:00:00.0005Z', createdTo: '2025-03-03T00:00:00.0001Z' }))).toEqual(['o-3']);
  });

  it('a customer’s status and date filters apply to their own orders only', async () => {
    const { list } = await setup();
    expect(ids(await list.execute({ actor: customer, status: 'confirmed' }))).toEqual(['o-3']);
    expect(ids(await list.execute({ actor: customer, createdFrom: '2025-03-02T00:00:00Z' }))).toEqual(['o-3']);
  });

  it('customerId from a customer is forbidden, even their own id', async () => {
    const { list } = await setup();
    await expect(list.execute({ actor: customer, customerId: otherCustomer.userId })).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(list.execute({ actor: customer, customerId: customer.userId })).rejects.toMatchObject({ code: 'auth.forbidden' });
  });

  it.each([
    ['createdFrom', '2025-03-02'],
    ['createdFrom', '2025-03-02T00:00:00'],
    ['createdTo', '2025-02-30T00:00:00Z'],
    ['createdTo', '2025-03-02T24:00:00Z'],
    ['createdFrom', 'yesterday'],
    ['createdTo', '2025-03-02T00:00:00+1:00'],
  ])('a malformed %s (%s) → 422 naming it', async (field, value) => {
    const { list } = await setup();
    await expect(list.execute({ actor: admin, [field]: value })).rejects.toMatchObject({
      code: 'validation.invalid',
      issues: [expect.objectContaining({ path: field })],
    });
  });

  it('pages with the filters, without gaps or duplicates', async () => {
    const { list } = await setup();
    const first = await list.execute({ actor: admin, createdFrom: '2025-03-02T00:00:00Z', limit: 2 });
    expect(ids(first)).toEqual(['o-2', 'o-3']);
    const second = await list.execute({ actor: admin, createdFrom: '2025-03-02T00:00:00Z', limit: 2, cursor: first.nextCursor });
    expect(ids(second)).toEqual(['o-4']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('RFC 3339 bounds', () => {
  it('reads a space where the offset sign belongs as the + a query string decoded', async () => {
    const { list } = await setup();
    expect(ids(await list.execute({ actor: admin, createdFrom: '2025-03-02T01:00:00 01:00' }))).toEqual(['o-2', 'o-3', 'o-4']);
    expect(ids(await list.execute({ actor: admin, createdFrom: '2025-03-02t00:00:00z' }))).toEqual(['o-2', 'o-3', 'o-4']);
  });
});
