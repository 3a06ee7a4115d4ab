import { invalid } from '../../domain/shared/domain-error.js';

/*
 * A page cursor is the base64url of the last id seen. Opaque to clients, so the
 * paging key can change later without breaking them.
 */

const encoder = new TextEncoder();
// Stryker disable next-line StringLiteral,ObjectLiteral,BooleanLiteral: an empty encoding throws on import, which kills it by hand but Stryker's vitest runner scores as survived (stryker-js#6150); without `fatal`, bad bytes decode to U+FFFD and fail the round-trip check instead.
const decoder = new TextDecoder('utf-8', { fatal: true });
const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

export const encodeCursor = (lastId: string): string => {
  const binary = Array.from(encoder.encode(lastId), (byte) => String.fromCharCode(byte)).join('');
  // Stryker disable next-line Regex: base64 has "=" only as trailing padding, so the anchor changes nothing.
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** The id a cursor stands for; absent → null (first page). Anything we did not issue → 422 at `/cursor`. */
export const decodeCursor = (cursor: string | null | undefined): string | null => {
  if (cursor === undefined || cursor === null) return null;
  const refused = invalid('cursor', 'is not a cursor this API issued');
  if (!BASE64URL.test(cursor)) throw refused;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const id = decoder.decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
    // Only the canonical spelling round-trips; a tampered cursor does not (nor an empty id: BASE64URL refused its empty spelling).
    if (encodeCursor(id) !== cursor) throw refused;
    // No id we issue holds a NUL, and PostgreSQL refuses one in text with an error.
    if (id.includes('\u0000')) throw refused;
    return id;
  } catch {
    throw refused;
  }
};
