// `npm start` under a supervisor: a SIGTERM sent to the npm process must stop the server too,
// not leave it running as an orphan that still holds the port.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, freePort } from '../support/server-process.js';

const answers = async (url: string): Promise<boolean> => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
};

const until = async (done: () => Promise<boolean>, what: string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Every process below `pid` (Linux/macOS `pgrep`): the server, and a shell between it and npm if any. */
const descendantsOf = (pid: number): number[] => {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    children = [];
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  beforeAll(() => ensureBuilt());

  it.each(['SIGTERM', 'SIGINT'] as const)('%s to the npm process stops the server: nothing keeps answering on its port', async (signal) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/health/live`;
    const npm = spawn('npm', ['start'], {
      env: { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'orders-npm-start-')), LOG_LEVEL: 'warn', JWT_SECRET: '', DATABASE_URL: '' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    let started: number[] = [];
    try {
      await until(() => answers(url), 'the server answers', 60_000);
      started = descendantsOf(npm.pid!);
      expect(started.length).toBeGreaterThan(0);

      npm.kill(signal);
      await exited;
      await until(async () => !(await answers(url)), 'the port stops answering', 15_000);
      expect(started.filter(alive)).toEqual([]);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      for (const pid of started.filter(alive)) process.kill(pid, 'SIGKILL');
    }
  }, 120_000);
});
