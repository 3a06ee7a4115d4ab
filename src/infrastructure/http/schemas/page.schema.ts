import { Type, type TProperties, type TSchema } from 'typebox';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../../application/shared/pagination.js';
import { Int32 } from './primitives.schema.js';

/** `?limit=&cursor=` plus a list's own filters; any other parameter → 422 naming it. */
export const pageQuery = <Extra extends TProperties>(extra: Extra) =>
  Type.Object(
    {
      ...extra,
      limit: Type.Optional(Int32(1, MAX_PAGE_LIMIT, { default: DEFAULT_PAGE_LIMIT, description: 'Page size' })),
      cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_=-]+$', description: "The previous page's `nextCursor`" })),
    },
    { additionalProperties: false },
  );

export const PageQuery = pageQuery({});

/** A page of a list: stable order (oldest first), no duplicates or gaps while paging; `nextCursor` null on the last page. */
export const pageOf = <Item extends TSchema>(item: Item) =>
  Type.Object(
    {
      items: Type.Array(item, { maxItems: MAX_PAGE_LIMIT }),
      nextCursor: Type.Union([Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_=-]+$' }), Type.Null()], {
        description: 'Pass as `cursor` for the next page; null when there is none',
      }),
    },
    { additionalProperties: false },
  );
