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
const badRequest = (message: string) => Object.assign(new Error(message), { statusCode: 400, expose: true });

/**
 * JSON bodies: an empty body counts as no body (the route's schema decides whether
 * one is required), nesting is capped before parsing, and a syntax error is a 400.
 */
export const registerJsonBodyParser = (app: FastifyInstance): void => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    if (tooDeep(text, MAX_JSON_DEPTH)) return done(badRequest(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(badRequest('malformed JSON'), undefined);
    }
  });
};
