import { Type, type TProperties, type TSchema } from 'typebox';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../../application/shared/pagination.js';

/** `?limit=&cursor=` plus a list's own filters. */
export const pageQuery = <Extra extends TProperties>(extra: Extra) =>
  Type.Object({
    ...extra,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT, description: 'Page size' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The previous page's `nextCursor`" })),
  });

export const PageQuery = pageQuery({});

/** A page of a list: stable order (oldest first), no duplicates or gaps while paging; `nextCursor` null on the last page. */
export const pageOf = <Item extends TSchema>(item: Item) =>
  Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null when there is none' }),
    },
    { additionalProperties: false },
  );
