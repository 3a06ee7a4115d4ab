// clients/typescript is an npm package: `npm pack` builds it (prepack) and ships the compiled
// client with its types, and what it ships is importable through its `exports`.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const DIR = resolve('clients/typescript');

interface PackResult {
  name: string;
  version: string;
  files: { path: string }[];
}

describe('the typed client package (clients/typescript)', () => {
  afterAll(() => rmSync(join(DIR, 'dist'), { recursive: true, force: true }));

  it('has a name, a version, types and exports, and `npm pack --dry-run` lists the built files', async () => {
    const manifest = JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      types: string;
      exports: Record<string, { types?: string; import?: string }>;
      dependencies: Record<string, string>;
    };
    expect(manifest.name).toBe('@orders-service/client');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.exports['.']).toEqual({ types: './dist/client.d.ts', import: './dist/client.js' });
    expect(manifest.types).toBe('./dist/client.d.ts');
    expect(manifest.dependencies['openapi-fetch']).toMatch(/^\d+\.\d+\.\d+$/);

    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: DIR, env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 8 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackResult[];
    expect(packed?.name).toBe('@orders-service/client');
    const files = packed?.files.map((f) => f.path).sort();
    expect(files).toEqual(['README.md', 'dist/client.d.ts', 'dist/client.js', 'dist/schema.d.ts', 'package.json']);

    // What `exports` points at is what was built, and it runs.
    const client = (await import(pathToFileURL(join(DIR, 'dist/client.js')).href)) as { createOrdersClient: (o: { baseUrl: string }) => { login: unknown; GET: unknown } };
    const api = client.createOrdersClient({ baseUrl: 'http://127.0.0.1:1' });
    expect(typeof api.login).toBe('function');
    expect(typeof api.GET).toBe('function');
    expect(readFileSync(join(DIR, 'dist/client.d.ts'), 'utf8')).toContain("export type Order = Schemas['Order']");
  }, 120_000);
});
