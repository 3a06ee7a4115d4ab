import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '../../domain/shared/domain-error.js';
import type { ProblemKind } from './error-table.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  requestId?: string;
  errors?: FieldIssue[];
  [extra: string]: unknown;
}

/** Sends an RFC 9457 problem. The body is serialised here so no route schema can reshape it. */
export const sendProblem = (
  request: FastifyRequest,
  reply: FastifyReply,
  kind: ProblemKind,
  detail: string,
  extra: Partial<ProblemBody> = {},
): FastifyReply => {
  // Extension members first: they may add to a problem, never overwrite its standard members.
  const body: ProblemBody = {
    ...extra,
    type: kind.type,
    title: kind.title,
    status: kind.status,
    detail,
    instance: request.url.split('?')[0],
    requestId: request.id,
  };
  if (kind.status === 422 && (body.errors === undefined || body.errors.length === 0)) {
    body.errors = [{ path: '/', message: detail }];
  }
  return reply.code(kind.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
};
