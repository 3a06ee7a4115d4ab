import { Socket } from 'node:net';

/** Redis for tests: like PostgreSQL, skipped loudly when absent, required on CI. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const required = process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1';

const probe = (): Promise<boolean> =>
  new Promise((resolve) => {
    const url = new URL(REDIS_URL);
    const socket = new Socket();
    socket.setTimeout(1_000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
    socket.connect(Number(url.port || 6379), url.hostname);
  });

export const redisAvailable = await probe();
if (!redisAvailable) {
  if (required) throw new Error(`Redis is required on CI but ${REDIS_URL} is unreachable`);
  console.warn(`\n⚠️  Redis at ${REDIS_URL} is unreachable: Redis suites are SKIPPED.\n`);
}
