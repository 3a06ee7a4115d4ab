import type { FastifyReply } from 'fastify';

/*
 * An order's entity tag is its version, as a strong tag: `"3"`. The version names the
 * order's state (not a byte encoding), so a tag a proxy weakened on the way (`W/"3"`,
 * as compressing proxies do) still names the same state and is honoured.
 */

/** A version no order has: a precondition that can never hold, which the use case answers with 412. */
export const UNMATCHABLE_VERSION = 0;

const TAG = /(?:W\/)?"([\x21\x23-\x7e]*)"/y;
const SEPARATOR = /\s*,\s*/y;
const VERSION = /^[1-9]\d{0,14}$/;

/** Sets `ETag: "<version>"` and hands the order back, so a route can `return withEtag(reply, order)`. */
export const withEtag = <T extends { version: number }>(reply: FastifyReply, order: T): T => {
  void reply.header('etag', `"${order.version}"`);
  return order;
};

/**
 * `If-Match` → the version a change is meant for: absent or `*` → none (no precondition).
 * A tag, or a list of tags that all name one version → that version. A malformed header,
 * a tag that is not one of ours, or a list naming several versions (answering it would
 * need the current version before the change runs) → UNMATCHABLE_VERSION, so 412.
 */
export const expectedVersionFrom = (ifMatch: string | undefined): number | undefined => {
  if (ifMatch === undefined) return undefined;
  const header = ifMatch.trim();
  if (header === '*') return undefined;
  const versions = new Set<string>();
  let at = 0;
  for (;;) {
    TAG.lastIndex = at;
    const tag = TAG.exec(header);
    if (!tag) return UNMATCHABLE_VERSION;
    versions.add(tag[1] ?? '');
    at = TAG.lastIndex;
    if (at === header.length) break;
    SEPARATOR.lastIndex = at;
    if (!SEPARATOR.exec(header)) return UNMATCHABLE_VERSION;
    at = SEPARATOR.lastIndex;
  }
  const [only, ...others] = versions;
  return only !== undefined && others.length === 0 && VERSION.test(only) ? Number(only) : UNMATCHABLE_VERSION;
};
