import type { FastifyInstance } from 'fastify';
import { DomainError, invalid } from '../../domain/shared/domain-error.js';

/** Deeper than any request this API accepts (orders are 3 levels); blocks stack-exhaustion payloads. */
export const MAX_JSON_DEPTH = 32;

const tooDeep = (text: string, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
};

export const NUL_MESSAGE = 'must not contain NUL characters (U+0000)';

const pointerSegment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON pointer of the first string (or key) holding a NUL, or undefined when there is none. */
const nulAt = (value: unknown, pointer: string): string | undefined => {
  if (typeof value === 'string') return value.includes('\0') ? pointer || '/' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulAt(value[i], `${pointer}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = `${pointer}/${pointerSegment(k)}`;
      if (k.includes('\0')) return at;
      const found = nulAt(v, at);
      if (found !== undefined) return found;
    }
  }
  return undefined;
};

// `expose`: the message is ours and safe to show the client.
const badRequest = (message: string) => Object.assign(new Error(message), { statusCode: 400, expose: true });

/** A NUL in the query string → 422 naming the parameter; anywhere else in the URL → 400. */
const nulInUrl = (url: string): Error => {
  const query = url.indexOf('?');
  if (query !== -1) {
    try {
      for (const [name, value] of new URLSearchParams(url.slice(query + 1))) {
        if (name.includes('\0') || value.includes('\0')) return invalid(name.replace(/\0/g, '\\0'), NUL_MESSAGE);
      }
    } catch {
      // Not decodable as a query string: the 400 below.
    }
  }
  return badRequest(`the URL ${NUL_MESSAGE}`);
};

/**
 * The router refuses a path that is not valid percent-encoding; the query string parser would
 * keep `%ZZ`, `50%` or `%ff` as typed, so `?q=50%` searched for the text "50%". Refused alike (400).
 */
const percentEncodingValid = (url: string): boolean => {
  const query = url.indexOf('?');
  if (query === -1 || !url.includes('%', query)) return true;
  try {
    decodeURIComponent(url.slice(query + 1));
    return true;
  } catch {
    return false;
  }
};

/** `utf8` is not a registered name, but common enough in clients to accept as meaning what it says. */
const UTF8_NAMES = new Set(['utf-8', 'utf8']);

/** Every `charset` parameter of a Content-Type is UTF-8 (or there is none); quotes and case do not matter. */
const declaresOnlyUtf8 = (contentType: string | undefined): boolean =>
  (contentType ?? '')
    .split(';')
    .slice(1)
    .map((parameter) => parameter.split('='))
    .filter(([name]) => name?.trim().toLowerCase() === 'charset')
    .every(([, value = '']) => UTF8_NAMES.has(value.trim().replace(/^"(.*)"$/, '$1').toLowerCase()));

const unsupportedCharset = () =>
  Object.assign(new Error('JSON bodies are UTF-8: send Content-Type application/json or application/json; charset=utf-8'), {
    statusCode: 415,
    expose: true,
  });

/**
 * JSON bodies, parsed by Fastify's own parser (secure-json-parse: a `__proto__` or
 * `constructor.prototype` key is refused, never merged), with four rules around it:
 * a declared charset other than UTF-8 is a 415 (RFC 8259 §8.1: JSON on the wire is UTF-8,
 * so latin1 bytes would be misread), an empty body counts as no body (the route's schema
 * decides whether one is required), nesting is capped before parsing, and every body of this
 * API is an object — valid JSON that is not one (`null`, `[]`, `"x"`, `1`) is a 422, as is a
 * NUL in any string.
 */
export const registerJsonBodyParser = (app: FastifyInstance): void => {
  // NUL cannot be stored in a PostgreSQL text column; refuse it at the edge, on both databases.
  app.addHook('onRequest', async (request) => {
    if (request.url.includes('%00')) throw nulInUrl(request.url);
    if (!percentEncodingValid(request.url)) throw badRequest('the query string is not valid percent-encoding (UTF-8)');
  });
  // A compressed body would be parsed as if it were plain text (a baffling 400): say what is wrong.
  app.addHook('preParsing', async (request, reply, payload) => {
    const coding = request.headers['content-encoding']?.trim().toLowerCase();
    const hasBody = (request.headers['content-length'] ?? '0') !== '0' || request.headers['transfer-encoding'] !== undefined;
    if (coding === undefined || coding === '' || coding === 'identity' || !hasBody) return payload;
    void reply.header('accept-encoding', 'identity');
    throw Object.assign(new Error('request bodies are not decoded: send the body without a Content-Encoding'), { statusCode: 415, expose: true });
  });
  const secureParse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (!declaresOnlyUtf8(request.headers['content-type'])) return done(unsupportedCharset(), undefined);
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    if (tooDeep(text, MAX_JSON_DEPTH)) return done(badRequest(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    secureParse(request, text, (error: Error | null, parsed?: unknown) => {
      if (error) return done(badRequest('malformed JSON (a "__proto__" or "constructor" key is refused too)'), undefined);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return done(new DomainError('validation.invalid', 'the body must be a JSON object', [{ path: '/', message: 'must be a JSON object' }]), undefined);
      }
      const nul = text.includes('\\u0000') || text.includes('\0') ? nulAt(parsed, '') : undefined;
      if (nul !== undefined) return done(invalid(nul, NUL_MESSAGE), undefined);
      done(null, parsed);
    });
  });
};
