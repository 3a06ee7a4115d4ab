import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DependencyUnavailable } from '../../application/shared/dependency-unavailable.error.js';
import { UnstorableInput } from '../../application/shared/unstorable-input.error.js';
import { DomainError, type FieldIssue } from '../../domain/shared/domain-error.js';
import { EDGE_PROBLEMS, ERROR_TABLE } from './error-table.js';
import { sendProblem } from './problem.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const toPointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

const issueMessage = (i: AjvIssue, context: string | undefined): string => {
  if (i.keyword === 'required') return 'is required';
  if (i.keyword === 'additionalProperties') return context === 'querystring' ? 'is not a parameter of this endpoint' : 'is not allowed';
  return i.message ?? 'is invalid';
};

/** Ajv's errors as the contract's `errors` entries: a JSON pointer for bodies, the name for query/params/headers. */
export const validationIssues = (issues: AjvIssue[], context: string | undefined): FieldIssue[] =>
  issues.map((i) => {
    let pointer = i.instancePath;
    if (i.keyword === 'required') pointer += `/${toPointer(String(i.params.missingProperty))}`;
    if (i.keyword === 'additionalProperties') pointer += `/${toPointer(String(i.params.additionalProperty))}`;
    const path = context === 'body' || context === undefined ? pointer || '/' : pointer.replace(/^\//, '') || context;
    return { path, message: issueMessage(i, context) };
  });

const handleError = (error: FastifyError | DomainError | Error, request: FastifyRequest, reply: FastifyReply) => {
  if (error instanceof DomainError) {
    const kind = ERROR_TABLE[error.code];
    if (kind.status === 401) void reply.header('www-authenticate', 'Bearer');
    return sendProblem(request, reply, kind, error.message, {
      code: error.code,
      ...(error.issues.length > 0 ? { errors: [...error.issues] } : {}),
      ...error.details,
    });
  }
  const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fe.validation) {
    const errors = validationIssues(fe.validation, fe.validationContext);
    return sendProblem(request, reply, EDGE_PROBLEMS.validation, `${errors[0]?.path ?? 'input'} ${errors[0]?.message ?? 'is invalid'}`, {
      code: 'validation.invalid',
      errors,
    });
  }
  const status = fe.statusCode ?? 500;
  if (status === 413) return sendProblem(request, reply, EDGE_PROBLEMS.tooLarge, 'the request body is larger than this endpoint accepts');
  if (status === 415) {
    const detail = (fe as { expose?: boolean }).expose ? fe.message : 'send the body as application/json';
    return sendProblem(request, reply, EDGE_PROBLEMS.unsupportedMediaType, detail);
  }
  if (status === 429) return sendProblem(request, reply, EDGE_PROBLEMS.rateLimited, fe.message || 'slow down and retry later');
  if (status === 400) {
    const detail = (fe as { expose?: boolean }).expose ? fe.message : 'the request could not be parsed (is the body valid JSON?)';
    return sendProblem(request, reply, EDGE_PROBLEMS.malformed, detail);
  }
  if (status > 400 && status < 500) {
    return sendProblem(request, reply, { status, title: 'Request refused', type: '/problems/request-refused' }, 'the request was refused');
  }
  // Text the database cannot store (e.g. NUL) is the client's input, not our failure.
  if (error instanceof UnstorableInput) {
    return sendProblem(request, reply, EDGE_PROBLEMS.malformed, 'the request contains characters that cannot be stored');
  }
  if (error instanceof DependencyUnavailable) {
    request.log.warn({ err: error }, 'dependency unavailable');
    void reply.header('retry-after', '1');
    return sendProblem(request, reply, EDGE_PROBLEMS.unavailable, `the service is temporarily unavailable; retry later (request id ${request.id})`);
  }
  // Unmapped: log everything, tell the client only the request id.
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(request, reply, EDGE_PROBLEMS.internal, `something went wrong on our side (request id ${request.id})`);
};

/** 404 vs 405: a known path with another method gets 405 and an Allow header. */
const registerNotFound = (app: FastifyInstance) => {
  const routes: { pattern: RegExp; method: string }[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return;
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, '[^/]+').replace(/\/$/, '')}/?$`);
    for (const m of [route.method].flat()) routes.push({ pattern, method: m });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      return sendProblem(request, reply, EDGE_PROBLEMS.methodNotAllowed, `${request.method} is not allowed here; use ${allowed.join(', ')}`);
    }
    return sendProblem(request, reply, EDGE_PROBLEMS.notFound, `there is no ${path}`);
  });
};

export const registerErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler(handleError);
  registerNotFound(app);
};
