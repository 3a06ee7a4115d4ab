import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargets } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { adminAndLogin, buildTestApp, registerAndLogin, type TestApp } from '../../support/test-app.js';

type Headers = Record<string, string>;
const PROBLEM = /^application\/problem\+json/;
// A public address nobody resolves for us: creation needs no DNS for an IP literal.
const PUBLIC_URL = 'https://203.0.114.10/hooks';

describe.each(sqlTargets)('webhooks over HTTP on $name (SSRF guard on)', (target) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Headers;
  let customer: Headers;

  beforeAll(async () => {
    db = await target.create();
    t = await buildTestApp(db);
    admin = (await adminAndLogin(t)).auth;
    customer = (await registerAndLogin(t.app, 'customer@example.com')).auth;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const inject = (o: InjectOptions) => t.app.inject(o);
  const create = (payload: Record<string, unknown>, headers: Headers = admin) => inject({ method: 'POST', url: '/webhooks', headers, payload });
  const expect422At = (res: Awaited<ReturnType<typeof inject>>, path: string) => {
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  };

  it('creates an endpoint: 201, Location, the secret once (whsec_ + 32 bytes), never again', async () => {
    const res = await create({ url: PUBLIC_URL, events: ['order.confirmed', 'order.created', 'order.confirmed'], description: ' ERP ', id: 'mine', isActive: false });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`/webhooks/${body.id}`);
    expect(body).toEqual({
      id: expect.any(String),
      url: PUBLIC_URL,
      events: ['order.confirmed', 'order.created'],
      description: 'ERP',
      isActive: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
    });
    expect(Buffer.from(body.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const got = await inject({ method: 'GET', url: res.headers.location!, headers: admin });
    expect(got.statusCode).toBe(200);
    const { secret: _secret, ...withoutSecret } = body;
    expect(got.json()).toEqual(withoutSecret);
    const list = await inject({ method: 'GET', url: '/webhooks', headers: admin });
    expect(list.body).not.toContain(body.secret.slice(6, 30));
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(body.id);
    // Stored sealed: the database does not hold the secret either.
    const row = await t.services.database.db.selectFrom('webhook_endpoints').select('secret_ciphertext').where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.secret_ciphertext).not.toContain(body.secret.slice(6));
  });

  it('refuses unknown events, empty event lists, non-http(s) and malformed URLs (422 naming the field)', async () => {
    expect422At(await create({ url: PUBLIC_URL, events: ['order.exploded'] }), '/events/0');
    expect422At(await create({ url: PUBLIC_URL, events: [] }), '/events');
    expect422At(await create({ url: 'ftp://203.0.114.10/x', events: ['order.created'] }), '/url');
    expect422At(await create({ url: 'not a url', events: ['order.created'] }), '/url');
    expect422At(await create({ url: 'https://user:pw@203.0.114.10/x', events: ['order.created'] }), '/url');
    expect422At(await create({ events: ['order.created'] }), '/url');
  });

  it.each([
    'http://localhost:8080/hook',
    'http://127.0.0.1:8080/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://10.1.2.3/hook',
    'http://192.168.0.10/hook',
    'http://172.20.0.1/hook',
    'http://100.64.0.1/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://[fe80::1]/',
    'http://0.0.0.0/',
  ])('refuses %s (SSRF: loopback, private, link-local, CGNAT, metadata) with 422 at /url', async (url) => {
    expect422At(await create({ url, events: ['order.created'] }), '/url');
  });

  it('refuses a new URL pointing inside on PATCH too; changes the rest', async () => {
    const id = (await create({ url: PUBLIC_URL, events: ['order.created'] })).json().id as string;
    expect422At(await inject({ method: 'PATCH', url: `/webhooks/${id}`, headers: admin, payload: { url: 'http://localhost/x' } }), '/url');
    const res = await inject({ method: 'PATCH', url: `/webhooks/${id}`, headers: admin, payload: { isActive: false, events: ['stock.low'], description: 'off' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, url: PUBLIC_URL, isActive: false, events: ['stock.low'], description: 'off' });
    expect(res.json()).not.toHaveProperty('secret');
  });

  it('is for admins only: a customer gets 403 everywhere, no token 401', async () => {
    const id = (await create({ url: PUBLIC_URL, events: ['order.created'] })).json().id as string;
    for (const [method, url] of [
      ['POST', '/webhooks'],
      ['GET', '/webhooks'],
      ['GET', `/webhooks/${id}`],
      ['PATCH', `/webhooks/${id}`],
      ['DELETE', `/webhooks/${id}`],
      ['GET', `/webhooks/${id}/deliveries`],
      ['POST', `/webhooks/${id}/deliveries/x/retry`],
      ['POST', `/webhooks/${id}/rotate-secret`],
    ] as const) {
      const payload = method === 'POST' && url === '/webhooks' ? { url: PUBLIC_URL, events: ['order.created'] } : method === 'PATCH' ? {} : undefined;
      expect((await inject({ method, url, headers: customer, ...(payload ? { payload } : {}) })).statusCode, `${method} ${url}`).toBe(403);
      expect((await inject({ method, url, ...(payload ? { payload } : {}) })).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('404s for unknown endpoints and deliveries; DELETE is 204 then 404', async () => {
    expect((await inject({ method: 'GET', url: '/webhooks/nope', headers: admin })).statusCode).toBe(404);
    expect((await inject({ method: 'PATCH', url: '/webhooks/nope', headers: admin, payload: {} })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: '/webhooks/nope/deliveries', headers: admin })).statusCode).toBe(404);
    const id = (await create({ url: PUBLIC_URL, events: ['order.created'] })).json().id as string;
    expect((await inject({ method: 'POST', url: `/webhooks/${id}/deliveries/nope/retry`, headers: admin })).statusCode).toBe(404);
    expect((await inject({ method: 'DELETE', url: `/webhooks/${id}`, headers: admin })).statusCode).toBe(204);
    expect((await inject({ method: 'DELETE', url: `/webhooks/${id}`, headers: admin })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: `/webhooks/${id}`, headers: admin })).statusCode).toBe(404);
  });

  it('rotates the secret: a new one, shown once', async () => {
    const first = (await create({ url: PUBLIC_URL, events: ['order.created'] })).json();
    const rotated = await inject({ method: 'POST', url: `/webhooks/${first.id}/rotate-secret`, headers: admin });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(first.secret);
  });

  it('pages endpoints (cursor) and refuses a bad status filter on deliveries', async () => {
    const page = await inject({ method: 'GET', url: '/webhooks?limit=1', headers: admin });
    expect(page.json().items).toHaveLength(1);
    const next = await inject({ method: 'GET', url: `/webhooks?limit=1&cursor=${page.json().nextCursor as string}`, headers: admin });
    expect(next.json().items[0].id > page.json().items[0].id).toBe(true);
    const id = page.json().items[0].id as string;
    expect422At(await inject({ method: 'GET', url: `/webhooks/${id}/deliveries?status=lost`, headers: admin }), 'status');
    expect((await inject({ method: 'GET', url: `/webhooks/${id}/deliveries?status=failed`, headers: admin })).json()).toEqual({ items: [], nextCursor: null });
  });
});
