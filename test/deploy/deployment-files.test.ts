import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/infrastructure/config/config.js';

// No container runtime or systemd on the test machines: these check the facts the files
// promise, while the recipe they run (scripts/release.sh) is exercised by test/e2e/release.e2e.test.ts.
const read = (path: string) => readFileSync(path, 'utf8');
/** Instructions of the Dockerfile's last stage: the image that runs. */
const runtimeStage = (dockerfile: string) => dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
/** The node flags of `npm start` (ADRs 0007, 0190): every way of running the server in production uses the same. */
const startFlags = (/^exec node (.*) dist\/src\/main\.js$/.exec((JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start)?.[1] ?? '').split(' ');

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const runtime = runtimeStage(dockerfile);

  it('builds in a separate stage with exactly the release recipe, and the runtime stage copies its output', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^FROM \S+ AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN bash scripts\/release\.sh \/app$/m);
    expect(runtime).toMatch(/^COPY --from=build \/app \.\/$/m);
    expect(runtime).not.toMatch(/^RUN npm/m);
  });

  it('runs node directly as a non-root user, with /data as its volume', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/DATA_DIR=\/data/);
    expect(runtime).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(runtime).toMatch(/HOST=0\.0\.0\.0/);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(startFlags).toContain('--heap-growing-percent=100');
    expect(runtime).toContain(`\nCMD ${JSON.stringify(['node', ...startFlags, 'dist/src/main.js']).replace(/","/g, '", "')}\n`);
    expect(runtime).toMatch(/^STOPSIGNAL SIGTERM$/m);
  });

  it('has a health check on /health/ready that needs nothing but node', () => {
    const check = /^HEALTHCHECK [^\n]*\\\n\s+CMD (\[.*\])$/m.exec(runtime);
    expect(check).not.toBeNull();
    const [exe, flag, script] = JSON.parse(check![1]!) as string[];
    expect([exe, flag]).toEqual(['node', '-e']);
    expect(script).toContain('/health/ready');
    expect(script).toContain('process.exit(r.ok?0:1)');
  });

  it('.dockerignore keeps node_modules, dist, data and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', 'data', '.env', '.git']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = read('compose.yaml');
  const caddy = read('deploy/Caddyfile');

  it('has the scale-out shape: a proxy, two app nodes, PostgreSQL, Redis and Mailpit', () => {
    for (const service of ['app1', 'app2', 'proxy', 'postgres', 'redis', 'mailpit']) {
      expect(compose).toMatch(new RegExp(`^  ${service}:`, 'm'));
    }
    expect(compose).toMatch(/^ {2}app1: \*app$/m);
    expect(compose).toMatch(/^ {2}app2: \*app$/m);
  });

  it('wires the app nodes as "Scaling out" says: one PostgreSQL, one Redis, the dispatcher, one trusted proxy hop, SMTP to Mailpit', () => {
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\/\S+@postgres:5432\//);
    expect(compose).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
    expect(compose).toMatch(/RUN_WORKER: "true"/);
    // The proxy's addresses, in a form the config accepts (hop counts and "true" are refused).
    const trusted = /TRUST_PROXY: (\S+)/.exec(compose)?.[1];
    expect(trusted).toBe('uniquelocal');
    expect(loadConfig({ TRUST_PROXY: trusted }).trustProxy).toEqual(['uniquelocal']);
    expect(compose).toMatch(/SMTP_URL: smtp:\/\/mailpit:1025/);
    expect(compose).toMatch(/JWT_SECRET: \$\{JWT_SECRET:\?/);
  });

  it('the proxy balances over both nodes and routes only to ready ones', () => {
    expect(compose).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddy).toMatch(/reverse_proxy app1:3000 app2:3000/);
    expect(caddy).toMatch(/health_uri \/health\/ready/);
    expect(caddy).toMatch(/^\s*respond \/metrics\* 404$/m);
  });
});

describe('deploy/orders.service (systemd)', () => {
  const unit = read('deploy/orders.service');

  it('runs node on the built server from the release directory, with an environment file', () => {
    expect(unit).toContain(`\nExecStart=/usr/bin/node ${startFlags.join(' ')} dist/src/main.js\n`);
    expect(unit).toMatch(/^WorkingDirectory=\/opt\/orders$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/orders\/orders\.env$/m);
    expect(unit).toMatch(/^User=orders$/m);
  });

  it('is hardened: no new privileges, a read-only system, writes only to the data directory', () => {
    expect(unit).toMatch(/^NoNewPrivileges=yes$/m);
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    expect(unit).toMatch(/^ReadWritePaths=\/var\/lib\/orders$/m);
    expect(unit).toMatch(/DATA_DIR=\/var\/lib\/orders/);
    // V8 compiles code at run time: this option would crash node.
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute=yes/m);
  });
});

describe('LICENSE', () => {
  it('is the MIT licence package.json names, for the orders service authors', () => {
    expect((JSON.parse(read('package.json')) as { license: string }).license).toBe('MIT');
    const license = read('LICENSE');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the orders service authors\n/);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
  });
});
