import type { FastifyInstance } from 'fastify';

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

// `expose`: the message is ours and safe to show the client.
export const NUL_MESSAGE = 'NUL characters (U+0000) are not allowed';

const containsNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\0') || containsNul(v));
  return false;
};

const badRequest = (message: string) => Object.assign(new Error(message), { statusCode: 400, expose: true });

/**
 * JSON bodies: an empty body counts as no body (the route's schema decides whether
 * one is required), nesting is capped before parsing, and a syntax error is a 400.
 */
export const registerJsonBodyParser = (app: FastifyInstance): void => {
  // The same rule for paths and query strings (a NUL there would reach the database too).
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) throw badRequest(NUL_MESSAGE);
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    if (tooDeep(text, MAX_JSON_DEPTH)) return done(badRequest(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return done(badRequest('malformed JSON'), undefined);
    }
    // NUL cannot be stored in a PostgreSQL text column; refuse it here, on both databases.
    if ((text.includes('\\u0000') || text.includes('\0')) && containsNul(parsed)) return done(badRequest(NUL_MESSAGE), undefined);
    done(null, parsed);
  });
};
