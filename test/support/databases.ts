import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from './postgres.js';

export interface SqlTarget {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDatabase>;
}

/** A fresh SQLite file (WAL needs a real file, as in production). */
export const createSqliteDatabase = async (): Promise<TestDatabase> => {
  const dir = mkdtempSync(join(tmpdir(), 'orders-test-'));
  return { url: `sqlite:${join(dir, 'test.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
};

export const SQLITE: SqlTarget = { name: 'sqlite', create: createSqliteDatabase };
export const POSTGRES: SqlTarget = { name: 'postgres', create: createPostgresDatabase };

/** Every SQL database a suite must pass on (PostgreSQL only when reachable; see postgres.ts). */
export const sqlTargets: SqlTarget[] = postgresAvailable ? [SQLITE, POSTGRES] : [SQLITE];

/**
 * A test that only means something on one database (e.g. READ COMMITTED behaviour): registered
 * for that target alone, so the other target's run neither runs nor reports it as skipped.
 */
export const onlyOn = (target: SqlTarget, name: SqlTarget['name']) =>
  ((title: string, fn: () => Promise<void>, timeout?: number) => {
    if (target.name === name) it(title, fn, timeout);
  });
