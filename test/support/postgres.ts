import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests: each suite creates its own database and drops it.
 * Without a reachable server the suites skip loudly — unless CI=true or
 * REQUIRE_POSTGRES=1, where a missing server fails the run.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const postgresRequired = process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1';

const probe = async (): Promise<boolean> => {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

export const postgresAvailable = await probe();

if (!postgresAvailable) {
  if (postgresRequired) throw new Error(`PostgreSQL is required (CI/REQUIRE_POSTGRES) but ${ADMIN_URL} is unreachable`);
  console.warn(`\n⚠️  PostgreSQL at ${ADMIN_URL} is unreachable: PostgreSQL suites are SKIPPED.\n`);
}

const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export const createPostgresDatabase = async (): Promise<TestDatabase> => {
  const name = `orders_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
};
