import { Type, type TNumberOptions, type TStringOptions } from 'typebox';

/**
 * The bounded building blocks of every schema: each string has a length cap and a
 * shape, each integer a range and a format, so the OpenAPI document promises
 * exactly what the server accepts and returns (and the OWASP lint can check it).
 */

/** Ids are opaque to clients (UUIDv7 today): URL-safe characters only. */
export const Id = (options: TStringOptions = {}) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._~-]+$', examples: ['0196a1a4-7c2e-7d3a-9b1f-2f6c1e5a4b3c'], ...options });

export const Timestamp = (options: TStringOptions = {}) => Type.String({ format: 'date-time', maxLength: 40, description: 'RFC 3339, UTC', ...options });

export const EmailOut = Type.String({ format: 'email', maxLength: 320 });

/** Free text a person typed (names): bounded, no shape to promise beyond "no control characters". */
export const Text = (maxLength: number, options: TStringOptions = {}) =>
  Type.String({ maxLength, pattern: '^[^\\u0000-\\u001F\\u007F]*$', ...options });

export const Int32 = (minimum: number, maximum: number, options: TNumberOptions = {}) =>
  Type.Integer({ format: 'int32', minimum, maximum, ...options });

export const INT32_MAX = 2_147_483_647;

/** Node's default cap on a request's headers, together (a larger header block is a 431 before any route runs). */
export const MAX_HEADER_BYTES = 16_384;
