import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../support/read-mail.js';
import { freePort } from '../support/server-process.js';

const run = promisify(execFile);

/**
 * The release recipe end to end: scripts/release.sh builds a runtime tree in a temp dir
 * (npm ci --omit=dev from the local npm cache), and `node dist/src/main.js` started there,
 * in production mode, answers. Nothing of this checkout is on the server's module path.
 */
describe('scripts/release.sh: the runtime tree runs on its own', () => {
  const work = mkdtempSync(join(tmpdir(), 'orders-release-'));
  const out = join(work, 'app');
  const dataDir = join(work, 'data');
  let server: ChildProcess;
  let baseUrl = '';
  let log = '';

  beforeAll(async () => {
    await run('bash', ['scripts/release.sh', '--offline', out], { maxBuffer: 16 * 1024 * 1024 });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: out,
      // Only what the server needs: no NODE_PATH or npm_* variables leaking in from the test runner.
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(48).toString('base64'),
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SHOP_NAME: 'Café Zoë 東京',
        SHOP_URL: 'https://zoe.example',
        SUPPORT_EMAIL: 'help@zoe.example',
        OUTBOX_POLL_MS: '50',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`released server exited early: ${log}`);
      try {
        if ((await fetch(`${baseUrl}/health/live`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`released server did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 300_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('holds the compiled server and production dependencies only', () => {
    expect(existsSync(join(out, 'dist/src/main.js'))).toBe(true);
    expect(existsSync(join(out, 'dist/src/cli.js'))).toBe(true);
    expect(existsSync(join(out, 'node_modules/fastify/package.json'))).toBe(true);
    expect(existsSync(join(out, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    for (const dev of ['typescript', 'vitest', 'tsx', 'eslint', 'pino-pretty']) {
      expect(existsSync(join(out, 'node_modules', dev)), dev).toBe(false);
    }
    expect(existsSync(join(out, 'src'))).toBe(false);
    expect(existsSync(join(out, 'dist/test'))).toBe(false);
    // `npm start` there must not try to compile (prestart ran tsc, a devDependency).
    const manifest = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts).toEqual({ start: 'node --max-semi-space-size=8 --heap-growing-percent=100 dist/src/main.js', cli: 'node dist/src/cli.js' });
  });

  it('answers /health/ready with the SQLite database in DATA_DIR', async () => {
    const res = await fetch(`${baseUrl}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(existsSync(join(dataDir, 'orders.sqlite'))).toBe(true);
  });

  it('serves the API documentation: /docs, its assets and /openapi.json', async () => {
    const page = await fetch(`${baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const css = await fetch(`${baseUrl}/docs/static/swagger-ui.css`);
    expect(css.status).toBe(200);
    const spec = await fetch(`${baseUrl}/openapi.json`);
    expect(spec.status).toBe(200);
    expect(((await spec.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/orders');
  });

  it('serves the admin console at /admin from the release tree: the page, its hashed assets, its CSP', async () => {
    expect(existsSync(join(out, 'dist/console/index.html'))).toBe(true);
    for (const dev of ['vite', 'react', 'react-dom']) expect(existsSync(join(out, 'node_modules', dev)), dev).toBe(false);
    const page = await fetch(`${baseUrl}/admin`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const script = /<script[^>]+src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    const asset = await fetch(`${baseUrl}${script ?? ''}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${baseUrl}/admin/orders/x`)).status).toBe(200);
  });

  it("sends the welcome email in the shop's name (SHOP_* settings, .eml sink under DATA_DIR)", async () => {
    const res = await fetch(`${baseUrl}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kaito@example.jp', password: 'a release password' }),
    });
    expect(res.status).toBe(201);
    const mailDir = join(dataDir, 'mail');
    const deadline = Date.now() + 20_000;
    let files: string[] = [];
    while (files.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      files = existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [];
    }
    expect(files, log).toHaveLength(1);
    const mail = await readMail(readFileSync(join(mailDir, files[0]!)));
    expect(mail.subject).toBe('Welcome to Café Zoë 東京');
    expect(mail.fromMailbox).toEqual({ name: 'Café Zoë 東京', address: 'no-reply@orders.localhost' });
    expect(mail.text).toContain('— The Café Zoë 東京 team');
    expect(mail.text).toContain('Questions? Write to help@zoe.example.');
    expect(mail.html).toContain('<a href="https://zoe.example">');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).not.toMatch(/"level":(50|60)/);
  });
});
