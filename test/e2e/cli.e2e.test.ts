// The built CLI as an operator runs it (`npm run cli -- …` runs `node dist/src/cli.js …`), in a
// child process: what it prints and the exit code a script or a supervisor sees.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli-process.js';
import { ensureBuilt, startServer } from '../support/server-process.js';

const COMMANDS = ['migrate', 'create-admin', 'worker', 'outbox', 'seed', 'seed-demo', 'backup'];

const freshDataDir = () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-cli-'));
  return { dataDir, env: { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'orders.sqlite')}` } };
};

/** A refusal: one line saying why first (usage may follow after a blank line), nothing on stdout, a non-zero exit. */
const expectRefusal = (result: CliResult, code: number, reason: RegExp) => {
  expect(result.code).toBe(code);
  const [first] = result.stderr.split('\n\n');
  expect(first?.trim().split('\n')).toHaveLength(1);
  expect(first).toMatch(reason);
  expect(result.stderr).not.toMatch(/\s+at\s+\S+\s+\(/); // no stack frames
};

describe('npm run cli', () => {
  beforeAll(() => ensureBuilt());

  describe('help', () => {
    it.concurrent.each([['--help'], ['-h'], ['help']])('`cli %s` prints the usage of every command and exits 0', async (flag) => {
      const result = await runCli({}, flag);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^usage: npm run cli -- <command>/);
      for (const command of COMMANDS) expect(result.stdout).toContain(`\n  ${command}`);
    });

    it.concurrent.each([...COMMANDS.map((c) => [c, '--help']), ['create-admin', '-h']])('`cli %s %s` prints its usage and exits 0 without running it', async (command, flag) => {
      const { dataDir, env } = freshDataDir();
      const result = await runCli(env, command, flag);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^usage:\\n  npm run cli -- ${command}\\b`));
      expect(readdirSync(dataDir)).toEqual([]); // ran nothing: not even a database file
    });
  });

  describe('refusals', () => {
    let env: Record<string, string>;
    beforeAll(async () => {
      env = freshDataDir().env;
      expect((await runCli(env, 'create-admin', '--email', 'root@example.com', '--password', 'long enough')).code).toBe(0);
    });

    it('create-admin with an invalid email', async () => {
      expectRefusal(await runCli(env, 'create-admin', '--email', 'not-an-email', '--password', 'long enough'), 1, /^refused: .*email/);
    });

    it('create-admin with an email already registered', async () => {
      expectRefusal(await runCli(env, 'create-admin', '--email', 'ROOT@example.com', '--password', 'long enough'), 1, /^refused: a user with this email already exists/);
    });

    it('create-admin with a password outside the policy', async () => {
      expectRefusal(await runCli(env, 'create-admin', '--email', 'other@example.com', '--password', 'x'), 1, /^refused: .*password/);
    });

    it('seed-demo --password x', async () => {
      expectRefusal(await runCli(freshDataDir().env, 'seed-demo', '--password', 'x'), 1, /^refused: .*password/);
    });

    it.concurrent.each([
      [[], /^a command is required/],
      [['frobnicate'], /^unknown command "frobnicate"/],
      [['create-admin', '--email', 'a@example.com'], /^create-admin needs --email and --password/],
      [['migrate', '--bogus'], /^migrate: Unknown option '--bogus'/],
      [['migrate', 'now'], /^migrate: unexpected argument "now"/],
      [['outbox', 'retry-everything'], /^outbox: unexpected argument "retry-everything"/],
      [['seed', '--products', 'many'], /^seed needs --products N/],
      [['backup'], /^backup needs --to FILE/],
      [['backup', '--to'], /^backup: Option '--to <value>' argument missing/],
    ])('a malformed command line %j: the reason, then usage; exit 2', async (args, reason) => {
      const result = await runCli(env, ...args);
      expectRefusal(result, 2, reason);
      expect(result.stderr).toContain('\n\nusage:');
    });

    it('a bad configuration: one line naming the variable, exit 1', async () => {
      expectRefusal(await runCli({ ...env, PORT: 'eighty' }, 'migrate'), 1, /^configuration error: PORT/);
    });
  });

  describe('migrate --status', () => {
    it('lists every migration as pending on a new database, without creating it', async () => {
      const { dataDir, env } = freshDataDir();
      const result = await runCli(env, 'migrate', '--status');
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const line of lines) expect(line).toMatch(/^\d{4}-[a-z0-9-]+ {2}pending$/);
      expect(readdirSync(dataDir)).toEqual([]);
    });

    it('after migrate, lists every migration as applied; status itself changes nothing', async () => {
      const { env } = freshDataDir();
      const pending = (await runCli(env, 'migrate', '--status')).stdout;
      expect((await runCli(env, 'migrate')).stdout).toMatch(/^applied: 0001-users-and-outbox/);
      const applied = await runCli(env, 'migrate', '--status');
      expect(applied.code).toBe(0);
      expect(applied.stdout).toBe(pending.replaceAll('pending', 'applied'));
      expect((await runCli(env, 'migrate')).stdout.trim()).toBe('schema is up to date');
    });

    it('on a half-migrated database, tells applied from pending', async () => {
      const { dataDir, env } = freshDataDir();
      await runCli(env, 'migrate');
      const db = new BetterSqlite3(join(dataDir, 'orders.sqlite'));
      db.prepare("delete from kysely_migration where name = '0003-idempotency-keys'").run();
      db.close();
      const lines = (await runCli(env, 'migrate', '--status')).stdout.trim().split('\n');
      expect(lines.slice(0, 3)).toEqual(['0001-users-and-outbox  applied', '0002-catalog-and-orders  applied', '0003-idempotency-keys  pending']);
    });
  });

  describe('backup --to FILE', () => {
    it('copies the SQLite database while the server writes to it: the copy opens, is intact and has the rows', async () => {
      const { dataDir, env } = freshDataDir();
      // Every registration comes from 127.0.0.1: lift the per-address limit for this writer.
      const server = await startServer({ ...env, REGISTRATIONS_PER_ADDRESS: '0' });
      try {
        const register = (i: number) =>
          fetch(`${server.baseUrl}/users`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: `user${i}@example.com`, password: 'long enough' }),
          }).then((r) => expect(r.status).toBe(201));
        for (let i = 0; i < 5; i++) await register(i);
        // Writes keep coming while the copy is taken.
        let writing = true;
        let written = 5;
        const writer = (async () => {
          while (writing) await register(written++);
        })();
        const target = join(dataDir, 'backup.sqlite');
        const result = await runCli(env, 'backup', '--to', target);
        writing = false;
        await writer;
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('backed up');

        const copy = new BetterSqlite3(target, { readonly: true });
        try {
          expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
          const users = copy.prepare('select count(*) as n from users').get() as { n: number };
          expect(users.n).toBeGreaterThanOrEqual(5);
          expect(users.n).toBeLessThanOrEqual(written);
        } finally {
          copy.close();
        }
      } finally {
        await server.stop();
      }
    });

    it('never overwrites a file', async () => {
      const { dataDir, env } = freshDataDir();
      await runCli(env, 'migrate');
      const target = join(dataDir, 'keep.txt');
      writeFileSync(target, 'precious');
      expectRefusal(await runCli(env, 'backup', '--to', target), 1, /^refused: .*keep\.txt already exists/);
    });

    it('refuses when there is no database to copy, leaving no file', async () => {
      const { dataDir, env } = freshDataDir();
      expectRefusal(await runCli(env, 'backup', '--to', join(dataDir, 'b.sqlite')), 1, /^refused: no database at /);
      expect(existsSync(join(dataDir, 'b.sqlite'))).toBe(false);
    });

    it('on PostgreSQL, refuses and names pg_dump', async () => {
      const { dataDir } = freshDataDir();
      const result = await runCli({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }, 'backup', '--to', join(dataDir, 'b'));
      expectRefusal(result, 1, /^refused: .*pg_dump/);
    });
  });
});
