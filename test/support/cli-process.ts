import { execFile } from 'node:child_process';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`node dist/src/cli.js …`, what `npm run cli --` runs) to completion; never throws on a non-zero exit. */
export const runCli = (env: Record<string, string>, ...args: string[]): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['dist/src/cli.js', ...args],
      { env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', JWT_SECRET: '', DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
