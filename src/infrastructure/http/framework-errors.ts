import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EDGE_PROBLEMS, type ProblemKind } from './error-table.js';
import { sendProblem } from './problem.js';
import { API_SECURITY_HEADERS } from './security-headers.js';

/*
 * Errors Fastify and Node raise before a request reaches a route — a URL that is not valid
 * percent-encoding, a path segment longer than any id, oversized headers, a request line
 * that is not HTTP, a client too slow to send its request — answered like every other
 * error: problem+json with the API's security headers, naming no framework internals.
 */

const URI_TOO_LONG: ProblemKind = { status: 414, title: 'URI too long', type: '/problems/uri-too-long' };
const REQUEST_TIMEOUT: ProblemKind = { status: 408, title: 'Request timeout', type: '/problems/request-timeout' };
const HEADERS_TOO_LARGE: ProblemKind = { status: 431, title: 'Request headers too large', type: '/problems/headers-too-large' };

/**
 * Fastify's `frameworkErrors`: the router's own refusals. They come before any hook runs,
 * so the security headers and the request id are set here.
 */
export const frameworkErrors = (maxParamLength: number) => (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  void reply.headers(API_SECURITY_HEADERS).header('x-request-id', request.id);
  if (error.code === 'FST_ERR_BAD_URL') return sendProblem(request, reply, EDGE_PROBLEMS.malformed, 'the URL is not valid percent-encoding');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(request, reply, URI_TOO_LONG, `a path segment is longer than any id (${maxParamLength} characters)`);
  }
  request.log.error({ err: error }, 'unhandled framework error');
  return sendProblem(request, reply, EDGE_PROBLEMS.internal, `something went wrong on our side (request id ${request.id})`);
};

const rawProblem = (kind: ProblemKind, detail: string): string => {
  const body = JSON.stringify({ type: kind.type, title: kind.title, status: kind.status, detail });
  const headers = {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    ...API_SECURITY_HEADERS,
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${kind.status} ${STATUS_CODES[kind.status] ?? ''}\r\n${lines.join('')}\r\n${body}`;
};

const clientProblem = (code: string | undefined): { kind: ProblemKind; detail: string } => {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { kind: REQUEST_TIMEOUT, detail: 'the request took too long to arrive' };
  if (code === 'HPE_HEADER_OVERFLOW') return { kind: HEADERS_TOO_LARGE, detail: 'the request headers are larger than this server accepts' };
  return { kind: EDGE_PROBLEMS.malformed, detail: 'the request is not valid HTTP' };
};

/**
 * Fastify's `clientErrorHandler` (Node's `clientError`): the request never became a request,
 * so the answer is written to the socket as it stands, which is then closed.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { kind, detail } = clientProblem(error.code);
  this.log.debug({ err: error, status: kind.status }, 'client error');
  if (socket.writable) socket.end(rawProblem(kind, detail), () => socket.destroy());
  else socket.destroy();
}

/**
 * Node's `connect` event: a CONNECT asks for a tunnel, which this server (no proxy) never opens;
 * without a listener Node would drop the socket unanswered, so it gets a 405 problem and is closed.
 */
export const refuseConnect = (socket: Duplex): void => {
  // Node hands the socket over without its own error listener: a client's reset must not crash the process.
  socket.on('error', () => socket.destroy());
  if (!socket.writable) return void socket.destroy();
  socket.end(rawProblem(EDGE_PROBLEMS.methodNotAllowed, 'CONNECT is not supported: this server is not a proxy'), () => socket.destroy());
};
