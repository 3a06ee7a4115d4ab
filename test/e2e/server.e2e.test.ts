import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startServer, type ServerProcess } from '../support/server-process.js';

describe('the real server on a real port', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    ensureBuilt();
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('registers, logs in and reads /users/me over HTTP', async () => {
    const reg = await fetch(`${server.baseUrl}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'e2e@example.com', password: 'e2e password' }),
    });
    expect(reg.status).toBe(201);
    const login = await fetch(`${server.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=e2e%40example.com&password=e2e+password',
    });
    expect(login.status).toBe(200);
    const { access_token } = (await login.json()) as { access_token: string };
    const me = await fetch(`${server.baseUrl}/users/me`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'e2e@example.com', role: 'customer', isActive: true });
  });

  it('says on start what it runs: version, the bound URL, the database, the migrations it applied, mail, worker; and warns of a generated secret', () => {
    const lines = server.output().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string });
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const started = lines.find((l) => l.msg.startsWith('orders service '));
    expect(started?.msg).toContain(`orders service ${version} on development: API ${server.baseUrl}, docs ${server.baseUrl}/docs`);
    expect(started?.msg).toMatch(/database sqlite:\S+orders\.sqlite \(applied 0001-users-and-outbox, .*\); mail: \.eml files in \S+; worker on$/);
    expect(lines.some((l) => l.level === 40 && l.msg.startsWith('JWT secret generated into '))).toBe(true);
  });

  it('never logs the password or the token', () => {
    expect(server.output()).not.toContain('e2e password');
    expect(server.output()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it('exits 0 on SIGTERM', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});

describe('start-up configuration', () => {
  beforeAll(() => ensureBuilt());

  const run = (env: Record<string, string>) => {
    try {
      execFileSync(process.execPath, ['dist/src/main.js'], { env: { ...process.env, ...env }, stdio: 'pipe', timeout: 15_000 });
      return { code: 0, stderr: '' };
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      return { code: err.status, stderr: err.stderr.toString() };
    }
  };

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'production', JWT_SECRET: '' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
  ])('a bad value stops start-up with one line naming the variable (%j)', (env, variable) => {
    const { code, stderr } = run({ DATA_DIR: mkdtempSync(join(tmpdir(), 'orders-cfg-')), ...env });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(variable);
    expect(stderr).not.toMatch(/\s+at\s+\S+\s+\(/); // no stack frames
  });

  it('outside production, generates a JWT secret once and keeps it with mode 0600', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'orders-secret-'));
    const first = await startServer({ DATA_DIR: dataDir });
    await first.stop();
    const file = join(dataDir, 'jwt-secret');
    const secret = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await startServer({ DATA_DIR: dataDir });
    await second.stop();
    expect(readFileSync(file, 'utf8')).toBe(secret);
  });
});

describe('MIGRATE_ON_START=false (controlled upgrades)', () => {
  beforeAll(() => ensureBuilt());

  it('refuses, in one line naming the pending migrations and the command, a schema behind the code; starts once `cli migrate` ran', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'orders-migrate-'));
    const env = { ...process.env, DATA_DIR: dataDir, MIGRATE_ON_START: 'false' };
    let refusal = { code: 0, stderr: '' };
    try {
      execFileSync(process.execPath, ['dist/src/main.js'], { env, stdio: 'pipe', timeout: 15_000 });
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      refusal = { code: err.status, stderr: err.stderr.toString() };
    }
    expect(refusal.code).toBe(1);
    expect(refusal.stderr.trim().split('\n')).toHaveLength(1);
    expect(refusal.stderr).toMatch(/schema is behind .*0001-users-and-outbox.*npm run cli -- migrate/);

    execFileSync(process.execPath, ['dist/src/cli.js', 'migrate'], { env, stdio: 'pipe', timeout: 15_000 });
    const server = await startServer({ DATA_DIR: dataDir, MIGRATE_ON_START: 'false' });
    try {
      expect(server.output()).toContain('(schema current)');
    } finally {
      await server.stop();
    }
  });
});
