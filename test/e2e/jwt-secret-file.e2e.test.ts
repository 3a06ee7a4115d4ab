// The server (`node dist/src/main.js`) and the CLI refuse a weak generated JWT secret file as they
// refuse a short JWT_SECRET: one line, exit 1, before anything listens or signs a token.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { ensureBuilt } from '../support/server-process.js';

const dataDirWithSecret = (content: string, mode: number) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-secret-'));
  writeFileSync(join(dataDir, 'jwt-secret'), content);
  chmodSync(join(dataDir, 'jwt-secret'), mode);
  return dataDir;
};

const startServer = (dataDir: string): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/src/main.js'],
      { env: { ...process.env, NODE_ENV: 'development', JWT_SECRET: '', DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0' }, encoding: 'utf8', timeout: 15_000 },
      (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
  });

const WEAK = [
  ['a file holding "x"', 'x\n', 0o600],
  ['an empty file', '', 0o600],
  ['a long secret with mode 0644', `${'k'.repeat(64)}\n`, 0o644],
] as const;

describe('a weak generated JWT secret file', () => {
  beforeAll(() => ensureBuilt());

  it.each(WEAK)('the server refuses to start on %s: one line, exit 1', async (_, content, mode) => {
    const { code, stderr } = await startServer(dataDirWithSecret(content, mode));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^configuration error: JWT_SECRET: the generated secret .*jwt-secret /);
  });

  it('the CLI refuses it too', async () => {
    const result = await runCli({ DATA_DIR: dataDirWithSecret('x', 0o600) }, 'create-admin', '--email', 'root@example.com', '--password', 'long enough');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^configuration error: JWT_SECRET: the generated secret .* fewer than 32 bytes/);
  });
});
