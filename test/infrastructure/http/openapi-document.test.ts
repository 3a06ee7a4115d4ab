// What a client generator and a reader of /openapi.json rely on: named components instead
// of inlined copies, every response described, errors as problem+json, explicit security.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_TABLE } from '../../../src/infrastructure/http/error-table.js';
import { PROBLEM_CODES } from '../../../src/infrastructure/http/schemas/problem.schema.js';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { buildTestApp, type TestApp } from '../../support/test-app.js';

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}
interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  responses: Record<string, Response>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, { $ref?: string }> } }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { $ref?: string; enum?: string[]; items?: { $ref?: string } }> }> };
}

/** Anonymous by nature (the contract): nobody has a token before registering or logging in. */
const PUBLIC_OPERATIONS = ['issueToken', 'logOut', 'requestPasswordReset', 'confirmPasswordReset', 'registerUser', 'listProducts', 'getProduct', 'live', 'ready'];
const NAMED = ['Money', 'Product', 'ProductPage', 'Order', 'OrderItem', 'OrderPage', 'User', 'Problem', 'SalesReport'];
const ref = (name: string) => `#/components/schemas/${name}`;

describe('the served OpenAPI document', () => {
  let db: TestDatabase;
  let t: TestApp;
  let doc: Document;
  let text: string;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db);
    text = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).body;
    doc = JSON.parse(text) as Document;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('describes every response (no "Default Response" anywhere)', () => {
    expect(text).not.toContain('Default Response');
    for (const { name, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) expect(response.description, `${name} ${status}`).toMatch(/\w/);
    }
  });

  it('declares every 4xx/5xx as application/problem+json referencing Problem', () => {
    const wrong: string[] = [];
    for (const { name, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        // The readiness probe's 503 is its result, not an error: the same Health body as its 200.
        if (name === 'GET /health/ready' && status === '503') continue;
        const media = Object.keys(response.content ?? {});
        if (media.join() !== 'application/problem+json' || response.content?.['application/problem+json']?.schema?.$ref !== ref('Problem')) {
          wrong.push(`${name} ${status}: ${JSON.stringify(response.content)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(doc.paths['/health/ready']?.get?.responses['503']?.content?.['application/json']?.schema?.$ref).toBe(ref('Health'));
  });

  it('enumerates the error codes: Problem.code lists every code of the error table, and each status names its codes', () => {
    const codes = doc.components.schemas.Problem?.properties?.code?.enum;
    expect(codes).toEqual(expect.arrayContaining(Object.keys(ERROR_TABLE)));
    expect(codes).toContain('auth.throttled');
    const getOrder = doc.paths['/orders/{id}']?.get;
    expect(getOrder?.responses['404']?.description).toContain('`order.not_found`');
    expect(doc.paths['/orders/{id}/confirm']?.post?.responses['409']?.description).toContain('`stock.insufficient`');
    const throttled = doc.paths['/auth/token']?.post?.responses['429'] as Response & { headers?: Record<string, unknown> };
    expect(throttled.description).toContain('`auth.throttled`');
    expect(throttled.headers?.['Retry-After']).toMatchObject({ schema: { type: 'integer' } });
  });

  it('every code the HTTP layer writes into a problem is one Problem.code enumerates', () => {
    const dir = 'src/infrastructure/http';
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const written = files.flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/\bcode: '([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]));
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((code) => !PROBLEM_CODES.includes(code!))).toEqual([]);
  });

  it('declares security [] on the public operations and a bearer token on every other one', () => {
    for (const { name, op } of operations()) {
      if (PUBLIC_OPERATIONS.includes(op.operationId)) expect(op.security, name).toEqual([]);
      else expect(op.security, name).toEqual([{ bearerAuth: [] }, { oauth2: [] }]);
    }
    expect(operations().filter(({ op }) => PUBLIC_OPERATIONS.includes(op.operationId))).toHaveLength(PUBLIC_OPERATIONS.length);
  });

  it('has the named component schemas, and the operations reference them instead of inlining copies', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(NAMED));
    for (const name of NAMED) expect(text, name).toContain(JSON.stringify(ref(name)));

    const okOf = (path: string, method: string, status = '200') => doc.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema?.$ref;
    expect(okOf('/products/{id}', 'get')).toBe(ref('Product'));
    expect(okOf('/products', 'post', '201')).toBe(ref('Product'));
    expect(okOf('/products', 'get')).toBe(ref('ProductPage'));
    expect(okOf('/orders/{id}', 'get')).toBe(ref('Order'));
    expect(okOf('/orders', 'post', '201')).toBe(ref('Order'));
    expect(okOf('/orders', 'get')).toBe(ref('OrderPage'));
    expect(okOf('/users/me', 'get')).toBe(ref('User'));
    expect(okOf('/reports/sales', 'get')).toBe(ref('SalesReport'));

    const schemas = doc.components.schemas;
    expect(schemas.Order?.properties?.items?.items?.$ref).toBe(ref('OrderItem'));
    expect(schemas.Order?.properties?.total?.$ref).toBe(ref('Money'));
    expect(schemas.OrderItem?.properties?.unitPrice?.$ref).toBe(ref('Money'));
    expect(schemas.Product?.properties?.price?.$ref).toBe(ref('Money'));
    expect(schemas.ProductPage?.properties?.items?.items?.$ref).toBe(ref('Product'));
    expect(schemas.OrderPage?.properties?.items?.items?.$ref).toBe(ref('Order'));
    const createProduct = doc.paths['/products']?.post?.requestBody?.content['application/json']?.schema;
    expect(createProduct?.properties?.price?.$ref).toBe(ref('Money'));
    // One definition of Money's shape in the whole document.
    expect(text.split('"^[A-Z]{3}$"').length - 1).toBe(1);
  });
});

describe('the /docs page', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createSqliteDatabase();
    t = await buildTestApp(db);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('served over plain http to a non-localhost host, has a CSP without upgrade-insecure-requests (its assets load over http)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/', headers: { host: 'orders.internal.example:8080' } });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('keeps the authorization across reloads (persistAuthorization)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/"persistAuthorization":\s*true/);
  });
});
