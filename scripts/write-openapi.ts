// Writes the OpenAPI document the app serves at /openapi.json to a file (default: stdout).
// The app is built exactly as in production, on a throwaway SQLite database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../src/composition-root.js';
import { loadConfig } from '../src/infrastructure/config/config.js';
import { buildApp } from '../src/infrastructure/http/app.js';
import { httpOptionsFromConfig } from '../src/infrastructure/http/http-options.js';

const dir = mkdtempSync(join(tmpdir(), 'orders-openapi-'));
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, DATA_DIR: dir, RUN_WORKER: 'false', JWT_SECRET: 'x'.repeat(32) });
const services = await compose(config);
const app = await buildApp(services.http, httpOptionsFromConfig(config));
const doc = `${JSON.stringify(JSON.parse((await app.inject({ method: 'GET', url: '/openapi.json' })).body), null, 2)}\n`;
await app.close();
await services.close();
rmSync(dir, { recursive: true, force: true });
const out = process.argv[2];
if (out) writeFileSync(out, doc);
else process.stdout.write(doc);
