import { Type } from 'typebox';
import { component } from './component.schema.js';
import { ERROR_TABLE } from '../error-table.js';
import { Int32, Text } from './primitives.schema.js';

/** Codes the HTTP edge sets itself (not domain errors), with their status. */
const EDGE_CODES: Record<string, number> = { 'auth.throttled': 429 };

const STATUS_OF: Record<string, number> = {
  ...Object.fromEntries(Object.entries(ERROR_TABLE).map(([code, kind]) => [code, kind.status])),
  ...EDGE_CODES,
};

/** Every `code` a problem can carry: the error table's (a new domain code shows up here by itself) and the edge's. */
export const PROBLEM_CODES: readonly string[] = Object.keys(STATUS_OF).sort();

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = component('Problem', Type.Object(
  {
    type: Type.String({ format: 'uri-reference', maxLength: 200, description: 'A URI identifying the problem type' }),
    title: Text(200),
    status: Int32(400, 599),
    detail: Text(2000),
    instance: Type.Optional(Type.String({ format: 'uri-reference', maxLength: 2048 })),
    code: Type.Optional(
      Type.String({
        enum: [...PROBLEM_CODES],
        maxLength: 64,
        pattern: '^[a-z_]+\\.[a-z_]+$',
        description: 'Stable machine-readable error code, e.g. `order.not_pending`; absent on most errors the HTTP layer raises itself (malformed JSON, unknown path, 405, 413, 415, 500, 503)',
      }),
    ),
    requestId: Type.Optional(Type.String({ maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description: 'Also in the server log' })),
    errors: Type.Optional(
      Type.Array(Type.Object({ path: Text(500, { description: 'JSON pointer into the body, or the parameter/header name' }), message: Text(500) }), {
        maxItems: 100,
        description: 'Present on every 422: which fields are wrong',
      }),
    ),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details (application/problem+json)' },
));

const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing, invalid or expired access token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  412: 'If-Match no longer matches',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Failed on our side; the problem carries a request id that is also in the server log',
  503: 'Temporarily unavailable (e.g. the database is unreachable); retry later',
};

/** The codes that answer with `status`. */
const codesFor = (status: number): string[] => PROBLEM_CODES.filter((code) => STATUS_OF[code] === status);

/** "Not found. The API's `code`s for 404: `order.not_found`, …" — a reader (and a generator's doc comment) sees which codes to expect. */
const describe = (status: number): string => {
  const text = STATUS_TEXT[status] ?? 'Error';
  const codes = codesFor(status);
  return codes.length === 0 ? text : `${text}. The API's \`code\`s for ${status}: ${codes.map((c) => `\`${c}\``).join(', ')}`;
};

/**
 * Response entries for the error statuses a route can answer: an `application/problem+json`
 * body referencing the Problem component. Problems are serialised by sendProblem, never by
 * these schemas, so declaring them changes no response on the wire.
 */
export const problemResponses = (...statuses: number[]): Record<number, unknown> =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: describe(s),
        ...(s === 429 ? { headers: { 'Retry-After': { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400, description: 'Seconds to wait before trying again' } } } : {}),
        content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
      },
    ]),
  );
