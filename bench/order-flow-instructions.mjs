// Instructions per order flow (POST /orders, then POST /orders/{id}/confirm, through app.inject)
// and per delivered confirmation email (the outbox dispatcher writing .eml files), counted by
// valgrind's callgrind in one process of the BUILT code (npm run build first):
//
//   valgrind --tool=callgrind --smc-check=all-non-file --instr-atstart=no --callgrind-out-file=/tmp/cg.%p \
//     node bench/order-flow-instructions.mjs [flows=300] [warm-up=300]
//
// It toggles callgrind around each measured phase and prints where to read the totals.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const { compose } = await import(join(root, 'dist/src/composition-root.js'));
const { loadConfig } = await import(join(root, 'dist/src/infrastructure/config/config.js'));
const { buildApp } = await import(join(root, 'dist/src/infrastructure/http/app.js'));
const { httpOptionsFromConfig } = await import(join(root, 'dist/src/infrastructure/http/http-options.js'));
const { seedProducts } = await import(join(root, 'dist/src/infrastructure/db/product-seeder.js'));
const { UuidV7IdGenerator } = await import(join(root, 'dist/src/infrastructure/security/uuid-v7-id-generator.js'));
const { SystemClock } = await import(join(root, 'dist/src/infrastructure/security/system-clock.js'));

const flows = Number(process.argv[2] ?? 300);
const warm = Number(process.argv[3] ?? 300);
const dir = mkdtempSync(join(tmpdir(), 'orders-flow-instr-'));
const config = loadConfig({
  NODE_ENV: 'production', LOG_LEVEL: 'warn', RUN_WORKER: 'false', DATA_DIR: dir, DATABASE_URL: `sqlite:${dir}/db.sqlite`,
  JWT_SECRET: 'instructions-count-secret-0123456789abcdef',
});
const services = await compose(config);
const app = await buildApp(services.http, httpOptionsFromConfig(config));
await app.ready();
await seedProducts(services.database, { ids: new UuidV7IdGenerator(), clock: new SystemClock() }, { count: 100 });
const products = (await app.inject({ url: '/products?limit=100' })).json().items.map((p) => p.id);
const email = 'flow@example.com';
const password = 'correct horse battery';
await app.inject({ method: 'POST', url: '/users', payload: { email, password } });
const token = (await app.inject({ method: 'POST', url: '/auth/token', payload: { email, password } })).json().access_token;
const headers = { authorization: `Bearer ${token}` };

let n = 0;
const flow = async () => {
  n += 1;
  const items = [0, 1, 2].slice(0, 1 + (n % 3)).map((i) => ({ productId: products[(n * 7 + i * 13) % products.length], quantity: 1 + (n % 2) }));
  const created = await app.inject({ method: 'POST', url: '/orders', headers, payload: { items } });
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const confirmed = await app.inject({ method: 'POST', url: `/orders/${created.json().id}/confirm`, headers });
  if (confirmed.statusCode !== 200) throw new Error(`confirm: ${confirmed.statusCode} ${confirmed.body}`);
};
const drain = async () => {
  let total = 0;
  for (let c; (c = await services.dispatcher.dispatchOnce()) > 0; ) total += c;
  return total;
};
const callgrind = (what) => promisify(execFile)('callgrind_control', [...what, String(process.pid)]).catch(() => undefined);

for (let i = 0; i < warm; i++) await flow();
await drain();
await callgrind(['-i', 'on']);
for (let i = 0; i < flows; i++) await flow();
await callgrind(['-i', 'off']);
await callgrind(['-d', 'flows']);
await callgrind(['-i', 'on']);
const emails = await drain();
await callgrind(['-i', 'off']);
await callgrind(['-d', 'emails']);
console.log(`${flows} flows, then ${emails} emails delivered; read each dump's totals (first: flows, second: emails)`);
await app.close();
await services.close();
