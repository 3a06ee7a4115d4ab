import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { compose, type Overrides, type Services } from '../../src/composition-root.js';
import { loadConfig } from '../../src/infrastructure/config/config.js';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { httpOptionsFromConfig } from '../../src/infrastructure/http/http-options.js';
import type { TestDatabase } from './postgres.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

/** The production graph and HTTP options, on a test database. Pass RUN_WORKER: 'true' to run the outbox dispatcher too. */
export const buildTestApp = async (
  db: TestDatabase,
  env: Record<string, string> = {},
  overrides: Overrides = {},
): Promise<TestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    RUN_WORKER: 'false',
    // Suites register their cast from one address (inject's 127.0.0.1); throttling.test.ts runs the default.
    REGISTRATIONS_PER_ADDRESS: '1000',
    ...env,
  });
  const services = await compose(config, overrides);
  const app = await buildApp(services.http, httpOptionsFromConfig(config));
  await app.ready();
  if (config.runWorker) {
    services.dispatcher.start();
    services.webhookWorker.start();
  }
  return {
    app,
    services,
    close: async () => {
      await app.close();
      await services.close();
    },
  };
};

/** Registers a user and logs in; returns the user and an Authorization header. */
export const registerAndLogin = async (app: FastifyInstance, email: string, password = 'correct horse battery') => {
  const reg = await app.inject({ method: 'POST', url: '/users', payload: { email, password } });
  if (reg.statusCode !== 201) throw new Error(`register failed: ${reg.statusCode} ${reg.body}`);
  const tok = await app.inject({ method: 'POST', url: '/auth/token', payload: { email, password } });
  if (tok.statusCode !== 200) throw new Error(`login failed: ${tok.statusCode} ${tok.body}`);
  return { user: reg.json() as { id: string; email: string }, auth: { authorization: `Bearer ${tok.json().access_token as string}` } };
};

/** Creates an admin through the use case (as the CLI does) and logs in through HTTP. */
export const adminAndLogin = async (t: TestApp, email = 'admin@example.com', password = 'admin password') => {
  const user = await t.services.useCases.createAdmin.execute({ email, password });
  const tok = await t.app.inject({ method: 'POST', url: '/auth/token', payload: { email, password } });
  return { user, auth: { authorization: `Bearer ${tok.json().access_token as string}` } };
};

/** The usual cast of an HTTP test: an admin and two customers (the second one to try what the first owns). */
export const adminAliceAndBob = async (t: TestApp) => {
  const admin = (await adminAndLogin(t)).auth;
  const a = await registerAndLogin(t.app, 'alice@example.com');
  const b = await registerAndLogin(t.app, 'bob@example.com');
  return { admin, alice: { id: a.user.id, auth: a.auth }, bob: { id: b.user.id, auth: b.auth } };
};

/** An app built as production builds it, at log level info, with every log line kept for the test to read. */
export const buildLoggingTestApp = async (db: TestDatabase) => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(chunk.toString()), cb()) });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: db.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'orders-logs-')),
    JWT_SECRET: TEST_JWT_SECRET,
    RUN_WORKER: 'false',
  });
  const services = await compose(config);
  const app = await buildApp(services.http, httpOptionsFromConfig(config, sink));
  return {
    app,
    services,
    log: () => lines.join(''),
    close: async () => {
      await app.close();
      // A test may have closed the database under the app already.
      await services.close().catch(() => undefined);
    },
  };
};
