import { Type } from 'typebox';
import { Int32, Text } from './primitives.schema.js';

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri-reference', maxLength: 200, description: 'A URI identifying the problem type' }),
    title: Text(200),
    status: Int32(400, 599),
    detail: Text(2000),
    instance: Type.Optional(Type.String({ format: 'uri-reference', maxLength: 2048 })),
    code: Type.Optional(Type.String({ maxLength: 64, pattern: '^[a-z_]+\\.[a-z_]+$', description: 'Stable machine-readable error code, e.g. `order.not_pending`' })),
    requestId: Type.Optional(Type.String({ maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description: 'Also in the server log' })),
    errors: Type.Optional(
      Type.Array(Type.Object({ path: Text(500, { description: 'JSON pointer into the body, or the parameter/header name' }), message: Text(500) }), {
        maxItems: 100,
        description: 'Present on every 422: which fields are wrong',
      }),
    ),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details (application/problem+json)' },
);

/** Response entries for the error statuses a route can answer. */
export const problemResponses = (...statuses: number[]): Record<number, unknown> =>
  Object.fromEntries(
    statuses.map((s) => [s, { ...Type.Ref('Problem'), description: STATUS_TEXT[s] ?? 'Error' }]),
  );

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
