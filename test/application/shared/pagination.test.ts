import { describe, expect, it } from 'vitest';
import { decodeCursor } from '../../../src/application/shared/cursor.js';
import { keysetQuery, toBoundedPage, toPage } from '../../../src/application/shared/pagination.js';
import { refusal } from '../../support/refusal.js';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('keysetQuery', () => {
  it('defaults to 20 and fetches one extra row', () => {
    expect(keysetQuery({})).toEqual({ limit: 20, fetch: 21, after: null });
  });

  it.each([0, 101, 1.5, Number.NaN])('refuses limit %d at /limit', (limit) => {
    expect(() => keysetQuery({ limit })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: 'limit' })] }));
  });
});

describe('toPage', () => {
  it('cuts the extra row and points the cursor at the last row kept', () => {
    const page = toPage(rows('a', 'b', 'c'), 2, (r) => r.id);
    expect(page.items).toEqual(['a', 'b']);
    expect(decodeCursor(page.nextCursor)).toBe('b');
  });

  it('has no cursor when no extra row came back', () => {
    expect(toPage(rows('a', 'b'), 2, (r) => r.id).nextCursor).toBeNull();
    expect(toPage([], 2, (r: { id: string }) => r.id)).toEqual({ items: [], nextCursor: null });
  });
});

describe('keysetQuery bounds', () => {
  it('accepts a limit of 1 and of 100', () => {
    expect(keysetQuery({ limit: 1 })).toMatchObject({ limit: 1, fetch: 2 });
    expect(keysetQuery({ limit: 100 })).toMatchObject({ limit: 100, fetch: 101 });
  });

  it('explains a refused limit', () => {
    expect(refusal(() => keysetQuery({ limit: 0 })).issues.map((i) => i.path)).toEqual(['limit']);
  });
});

describe('toBoundedPage', () => {
  const weighted = [
    { id: 'a', weight: 2 },
    { id: 'b', weight: 3 },
    { id: 'c', weight: 1 },
  ];

  it('ends the page with the row that makes its weight reach the bound exactly, and continues after it', () => {
    const page = toBoundedPage(weighted, 10, { maxWeight: 5, weightOf: (r) => r.weight }, (r) => r.id);
    expect(page.items).toEqual(['a', 'b']);
    expect(decodeCursor(page.nextCursor)).toBe('b');
  });
});
