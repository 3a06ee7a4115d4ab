import { Type } from 'typebox';

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A URI identifying the problem type' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    code: Type.Optional(Type.String({ description: 'Stable machine-readable error code, e.g. `order.not_pending`' })),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
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
};
