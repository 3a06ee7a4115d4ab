import { invalid } from '../../domain/shared/domain-error.js';
import type { ProductListQuery, ProductPosition } from '../ports/product-views.port.js';

/*
 * A catalog cursor is the base64url of `[fingerprint, sortKey, id]`: the position after the
 * previous page's last row (its sort key and id, so rows inserted meanwhile never shift a
 * page) and a fingerprint of the sort and filters it was issued for, so a cursor is never
 * applied to a different listing (→ 422). Opaque to clients: its layout may change.
 */

/** Name sort keys can be long (up to 200 characters, 4 bytes each in UTF-8). */
export const PRODUCT_CURSOR_MAX = 2048;

type Listing = Omit<ProductListQuery, 'limit' | 'after'>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const BASE64URL = new RegExp(`^[A-Za-z0-9_-]{1,${PRODUCT_CURSOR_MAX}}$`);

const toBase64Url = (text: string): string =>
  btoa(Array.from(encoder.encode(text), (byte) => String.fromCharCode(byte)).join(''))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** FNV-1a (32 bits) of the listing's canonical form: a cheap tamper-evident tag, not a secret. */
const fingerprint = (listing: Listing): string => {
  const canonical = JSON.stringify([
    listing.sort,
    listing.q,
    listing.currency,
    listing.minPriceMinor,
    listing.maxPriceMinor,
    listing.inStock,
    listing.status,
  ]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < canonical.length; i++) {
    hash ^= canonical.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
};

export const encodeProductCursor = (listing: Listing, position: ProductPosition): string =>
  toBase64Url(JSON.stringify([fingerprint(listing), position.key, position.id]));

/** A time as this API writes it (`toISOString()`), the only form a createdAt key is issued in. */
const isIsoInstant = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) return false;
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString() === text;
};

/** The position a cursor stands for; absent → null. Not ours, or issued for another sort or filter → 422 at `/cursor`. */
export const decodeProductCursor = (listing: Listing, cursor: string | null | undefined): ProductPosition | null => {
  if (cursor === undefined || cursor === null) return null;
  // Built only when refusing: an error's stack trace costs more than decoding a good cursor.
  const refused = () => invalid('cursor', 'is not a cursor this API issued for this sort and these filters');
  if (!BASE64URL.test(cursor)) throw refused();
  let decoded: unknown;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    decoded = JSON.parse(decoder.decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
  } catch {
    throw refused();
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw refused();
  const [tag, key, id] = decoded as unknown[];
  if (tag !== fingerprint(listing) || typeof id !== 'string' || id.length === 0 || id.length > 64) throw refused();
  const numericKey = listing.sort === 'price' || listing.sort === '-price';
  if (numericKey ? !Number.isSafeInteger(key) : typeof key !== 'string') throw refused();
  // An edited position must not reach the database: PostgreSQL refuses a NUL in text and a
  // timestamp it cannot parse with an error, which would surface as a 400 or a 500.
  if (id.includes('\u0000') || (typeof key === 'string' && key.includes('\u0000'))) throw refused();
  if ((listing.sort === 'createdAt' || listing.sort === '-createdAt') && !isIsoInstant(key as string)) throw refused();
  return { key: key as string | number, id };
};
