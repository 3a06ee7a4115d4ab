import { invalid } from '../../domain/shared/domain-error.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit?: number;
  cursor?: string | null;
}

/** A validated page request, asking the repository for one row more than the page to learn whether another page follows. */
export const keysetQuery = (request: PageRequest): { limit: number; fetch: number; after: string | null } => {
  const limit = request.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw invalid('limit', `must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  }
  return { limit, fetch: limit + 1, after: decodeCursor(request.cursor) };
};

/** Cuts the extra row off; nextCursor points past the page's last row only when more rows exist. */
export const toPage = <Row extends { id: string }, Dto>(rows: readonly Row[], limit: number, toDto: (row: Row) => Dto): Page<Dto> => {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(toDto),
    nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null,
  };
};

/**
 * Like `toPage`, but the page also stops growing once its rows hold `maxWeight` (e.g. an
 * order's lines): the row that reaches the bound is the page's last, so every page holds at
 * least one row and `nextCursor` continues right after it.
 */
export const toBoundedPage = <Row extends { id: string }, Dto>(
  rows: readonly Row[],
  limit: number,
  bound: { maxWeight: number; weightOf: (row: Row) => number },
  toDto: (row: Row) => Dto,
): Page<Dto> => {
  let count = 0;
  let weight = 0;
  while (count < rows.length && count < limit && weight < bound.maxWeight) weight += bound.weightOf(rows[count++]!);
  return toPage(rows, count, toDto);
};
