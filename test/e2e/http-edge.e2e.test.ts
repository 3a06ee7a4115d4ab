import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SECURITY_HEADERS } from '../../src/infrastructure/http/security-headers.js';
import { createSqliteDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/postgres.js';
import { ensureBuilt, freePort, startServer, type ServerProcess } from '../support/server-process.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection. */
  closed: boolean;
}

const parse = (raw: string, closed: boolean): RawResponse => {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n'), closed };
};

/**
 * Sends `chunks` on a raw socket, `gapMs` apart, and resolves with what came back once the
 * server closes the connection (or, for a normal exchange, once `untilClose` is false and a
 * response arrived). A client that kept sending would hold the socket: `stillSending` tells.
 */
const rawExchange = (port: number, chunks: string[], gapMs = 0): Promise<RawResponse & { stillSending: boolean }> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const sendNext = () => {
      if (socket.destroyed || sent >= chunks.length) return;
      socket.write(chunks[sent++]!);
      if (sent < chunks.length) timer = setTimeout(sendNext, gapMs);
    };
    socket.on('connect', sendNext);
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // The server may close while we still write: what it answered is what counts.
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ...parse(received, true), stillSending: sent < chunks.length });
    });
  });

const expectRawProblem = (res: RawResponse, status: number, securityHeaders: Record<string, string>) => {
  expect(res.status, JSON.stringify(res)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  for (const [name, value] of Object.entries(securityHeaders)) expect(res.headers[name], name).toBe(value);
  expect(res.body).not.toMatch(/FST_|fastify|Client Error/);
  expect(JSON.parse(res.body)).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String), detail: expect.any(String) });
};

describe('the HTTP edge on a real port', () => {
  let db: TestDatabase;
  let t: TestApp;
  let port: number;
  /** The security headers of a 200 JSON response of the API: every error must carry the same. */
  let securityHeaders: Record<string, string>;

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db, { HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_IDLE_TIMEOUT_MS: '60000' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
    const ok = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    securityHeaders = Object.fromEntries(Object.keys(API_SECURITY_HEADERS).map((name) => [name, ok.headers.get(name) ?? '(absent)']));
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('headers larger than the server accepts (70 KB) → 431 problem with the security headers', async () => {
    const res = await rawExchange(port, [`GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`]);
    expectRawProblem(res, 431, securityHeaders);
  });

  it('a malformed request line → 400 problem with the security headers', async () => {
    const res = await rawExchange(port, ['THIS IS NOT HTTP\r\n\r\n']);
    expectRawProblem(res, 400, securityHeaders);
  });

  it('a CONNECT request (this server is no proxy) → 405 problem with the security headers, and the connection closed', async () => {
    const res = await rawExchange(port, ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n']);
    expectRawProblem(res, 405, securityHeaders);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({ type: '/problems/method-not-allowed', detail: expect.stringMatching(/CONNECT/) });
    expect(res.closed).toBe(true);
  });

  it('a slow-loris body (headers, then a byte at a time) is cut off at the request timeout with a 408 problem', async () => {
    const head = 'POST /users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n';
    // A byte every 100 ms never trips the idle timeout; 400 of them would take 40 s.
    const res = await rawExchange(port, [head, ...Array.from({ length: 400 }, () => ' ')], 100);
    expect(res.stillSending).toBe(true);
    expectRawProblem(res, 408, securityHeaders);
  }, 20_000);

  it('slow headers are cut off at the headers timeout with a 408 problem', async () => {
    const head = 'GET /health/live HTTP/1.1\r\nHost: x\r\n';
    const res = await rawExchange(port, [head, ...Array.from({ length: 400 }, (_v, i) => `X-${i}: y\r\n`)], 100);
    expect(res.stillSending).toBe(true);
    expectRawProblem(res, 408, securityHeaders);
  }, 20_000);
});

describe('METRICS_PORT in the real server', () => {
  let server: ServerProcess;
  let metricsPort: number;

  beforeAll(async () => {
    ensureBuilt();
    metricsPort = await freePort();
    server = await startServer({ METRICS_PORT: String(metricsPort) });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves /metrics on the metrics port only', async () => {
    await fetch(`${server.baseUrl}/health/live`);
    const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toMatch(/route="\/health\/live"/);
    const publicPort = await fetch(`${server.baseUrl}/metrics`);
    expect(publicPort.status).toBe(404);
    expect(publicPort.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
