import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests: each suite creates its own database and drops it.
 * Without a reachable server the suites skip loudly — unless CI=true or
 * REQUIRE_POSTGRES=1, where a missing server fails the run.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const postgresRequired = process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1';

/** A client whose connection the server may end (a drop WITH (FORCE), a restart) without an unhandled 'error' event. */
const adminClient = (options: pg.ClientConfig = {}): pg.Client => {
  const client = new pg.Client({ connectionString: ADMIN_URL, ...options });
  client.on('error', () => undefined);
  return client;
};

const probe = async (): Promise<boolean> => {
  const client = adminClient({ connectionTimeoutMillis: 2_000 });
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
  const client = adminClient();
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

export interface TestDatabase {
  url: string;
  /** Ends every pool opened through `pool()`, then drops the database. */
  drop(): Promise<void>;
  /**
   * A pg pool on this database, for a test that needs its own (PostgreSQL only). It has its
   * error handlers, and `drop()` drains it before the database goes: a test never meets an
   * unhandled 57P01 "terminating connection due to administrator command".
   */
  pool?(config?: pg.PoolConfig): pg.Pool;
}

/** How long drop() waits for a pool's checked-out clients before it drops the database anyway (FORCE). */
const POOL_END_GRACE_MS = 2_000;

const endPool = async (pool: pg.Pool): Promise<void> => {
  if (pool.ended || pool.ending) return;
  let timer: NodeJS.Timeout | undefined;
  // A client a failed test never released would keep end() waiting forever.
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, POOL_END_GRACE_MS)));
  await Promise.race([pool.end().catch(() => undefined), grace]);
  clearTimeout(timer);
};

export const createPostgresDatabase = async (): Promise<TestDatabase> => {
  const name = `orders_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pools = new Set<pg.Pool>();
  return {
    url: url.toString(),
    pool(config = {}) {
      const pool = new pg.Pool({ connectionString: url.toString(), ...config });
      // Idle clients report a lost connection through the pool, checked-out ones through their own event.
      pool.on('error', () => undefined);
      pool.on('connect', (client) => client.on('error', () => undefined));
      pools.add(pool);
      return pool;
    },
    async drop() {
      await Promise.all([...pools].map(endPool));
      pools.clear();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
};
