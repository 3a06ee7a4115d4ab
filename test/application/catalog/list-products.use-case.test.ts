import { describe, expect, it } from 'vitest';
import { ListProducts } from '../../../src/application/catalog/list-products.use-case.js';
import { aProduct } from '../../support/mothers/product.mother.js';
import { aHarness } from '../../support/use-case-harness.js';

const seeded = async (count: number) => {
  const h = aHarness();
  const ids = Array.from({ length: count }, (_, i) => `p-${String(i).padStart(3, '0')}`);
  // Inserted out of order: the listing orders by id, not by insertion.
  for (const id of [...ids].reverse()) await h.seed(aProduct().withId(id).build());
  return { h, ids, list: new ListProducts(h.deps) };
};

describe('ListProducts', () => {
  it('returns the first 20 by default, in id order, with a cursor to the rest', async () => {
    const { ids, list } = await seeded(25);
    const page = await list.execute();
    expect(page.items.map((p) => p.id)).toEqual(ids.slice(0, 20));
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('walks every product exactly once, and the last page has no cursor', async () => {
    const { ids, list } = await seeded(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list.execute({ limit: 3, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
  });

  it('has no cursor when the page is exactly full and nothing follows', async () => {
    const { list } = await seeded(3);
    expect((await list.execute({ limit: 3 })).nextCursor).toBeNull();
  });

  it('sees products inserted behind the cursor while paging', async () => {
    const { h, list } = await seeded(4);
    const first = await list.execute({ limit: 2 });
    await h.seed(aProduct().withId('p-999').build());
    const rest = await list.execute({ limit: 10, cursor: first.nextCursor });
    expect(rest.items.map((p) => p.id)).toEqual(['p-002', 'p-003', 'p-999']);
  });

  it.each([0, 101, 2.5])('refuses limit %d at /limit', async (limit) => {
    const { list } = await seeded(0);
    await expect(list.execute({ limit })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'limit' })] });
  });

  it('refuses a forged cursor at /cursor', async () => {
    const { list } = await seeded(0);
    await expect(list.execute({ cursor: 'not a cursor!' })).rejects.toMatchObject({
      code: 'validation.invalid',
      issues: [expect.objectContaining({ path: 'cursor' })],
    });
  });
});
