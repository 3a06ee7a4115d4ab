import { createServer } from 'node:net';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../../src/infrastructure/db/postgres/postgres-pool.js';
import { waitForPostgres } from '../../../../src/infrastructure/db/postgres/wait-for-postgres.js';
import { postgresAvailable } from '../../../support/postgres.js';
import { TcpProxy } from '../../../support/tcp-proxy.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A pool whose `select 1` answers with the given outcomes in turn (the last one repeats). */
const scriptedPool = (outcomes: (Error | 'ok')[]) => {
  let calls = 0;
  const pool = {
    query: async () => {
      const outcome = outcomes[Math.min(calls++, outcomes.length - 1)];
      if (outcome !== 'ok') throw outcome;
      return { rows: [] };
    },
  };
  return { pool: pool as unknown as pg.Pool, calls: () => calls };
};

const recordingLogger = () => {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    info: (obj: object, msg: string) => lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
  };
};

/** A clock that only moves when the wait sleeps. */
const fakeTime = () => {
  let t = 0;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (slept.push(ms), (t += ms)), slept };
};

describe('waiting for the database at start', () => {
  it('retries an unreachable database with doubling, capped pauses, logging each try, until it answers', async () => {
    const { pool, calls } = scriptedPool([refused(), refused(), refused(), refused(), 'ok']);
    const time = fakeTime();
    const logger = recordingLogger();
    await waitForPostgres(pool, { maxWaitMs: 30_000, logger, firstDelayMs: 250, maxDelayMs: 1_000, ...time });
    expect(calls()).toBe(5);
    expect(time.slept).toEqual([250, 500, 1_000, 1_000]);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.obj.attempt)).toEqual([1, 2, 3, 4]);
    expect(logger.lines.at(-1)).toMatchObject({ level: 'info', msg: 'the database is reachable', obj: { attempt: 5 } });
  });

  it('gives up with the last error once the wait is spent, never sleeping past it', async () => {
    const { pool } = scriptedPool([refused()]);
    const time = fakeTime();
    await expect(waitForPostgres(pool, { maxWaitMs: 1_000, firstDelayMs: 300, ...time })).rejects.toThrow(/ECONNREFUSED/);
    expect(time.slept).toEqual([300, 600, 100]);
  });

  it('tries once when the wait is 0', async () => {
    const { pool, calls } = scriptedPool([refused(), 'ok']);
    await expect(waitForPostgres(pool, { maxWaitMs: 0, ...fakeTime() })).rejects.toThrow(/ECONNREFUSED/);
    expect(calls()).toBe(1);
  });

  it('does not wait for what cannot fix itself: a refused password fails at once', async () => {
    const { pool, calls } = scriptedPool([Object.assign(new Error('password authentication failed'), { code: '28P01' }), 'ok']);
    await expect(waitForPostgres(pool, { maxWaitMs: 30_000, ...fakeTime() })).rejects.toThrow(/password/);
    expect(calls()).toBe(1);
  });
});

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

describe.runIf(postgresAvailable)('waiting for a PostgreSQL that comes up later', () => {
  let proxy: TcpProxy | undefined;
  let pool: pg.Pool | undefined;
  afterEach(async () => {
    await pool?.end();
    await proxy?.cut();
  });

  it('connects once the database becomes reachable during the wait', async () => {
    const admin = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    proxy = new TcpProxy({ host: admin.hostname, port: Number(admin.port || 5432) }, await freePort());
    const url = new URL(admin);
    url.port = String(proxy.port);
    const errors: unknown[] = [];
    pool = createPostgresPool(url.toString(), { size: 1, statementTimeoutMs: 5_000, logger: { warn: (o) => errors.push(o), error: (o) => errors.push(o) } });
    const logger = recordingLogger();
    // The "database" (the proxy in front of it) comes up after the second failed try.
    const sleep = async (ms: number) => {
      if (logger.lines.length === 2) await proxy?.start();
      await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20)));
    };
    await waitForPostgres(pool, { maxWaitMs: 20_000, logger, sleep });
    expect(logger.lines.filter((l) => l.level === 'warn').length).toBe(2);
    expect(logger.lines[0]?.obj).toMatchObject({ attempt: 1, code: 'ECONNREFUSED' });
    expect((await pool.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('logs an idle connection that fails instead of swallowing it', async () => {
    const admin = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    proxy = new TcpProxy({ host: admin.hostname, port: Number(admin.port || 5432) }, await freePort());
    await proxy.start();
    const url = new URL(admin);
    url.port = String(proxy.port);
    const logged: string[] = [];
    pool = createPostgresPool(url.toString(), { size: 1, statementTimeoutMs: 5_000, logger: { warn: (_o, m) => logged.push(m), error: (_o, m) => logged.push(m) } });
    await pool.query('select 1');
    await proxy.cut();
    await expect.poll(() => logged, { timeout: 5_000 }).toContain('an idle PostgreSQL connection failed; the pool replaces it');
  });
});
