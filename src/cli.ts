import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEMO_ADMIN_EMAIL, DEMO_CUSTOMER_EMAIL, SeedDemo } from './application/demo/seed-demo.use-case.js';
import { compose } from './composition-root.js';
import { DomainError } from './domain/shared/domain-error.js';
import { ConfigError, loadConfig } from './infrastructure/config/config.js';
import { migrateToLatest } from './infrastructure/db/migrate.js';
import { openDatabase } from './infrastructure/db/database.js';
import { outboxStats, requeueDeadEvents } from './infrastructure/db/repositories/sql-outbox-admin.js';
import { seedProducts } from './infrastructure/db/product-seeder.js';
import { SystemClock } from './infrastructure/system/system-clock.js';
import { UuidV7IdGenerator } from './infrastructure/system/uuid-v7-id-generator.js';

const USAGE = `usage: npm run cli -- <command> [options]

commands:
  migrate                                   bring the database schema up to date
  create-admin --email E --password P       create an admin user
  worker                                    run the outbox dispatcher (emails) until SIGTERM/SIGINT
  outbox                                    outbox counts per status and the latest dead rows' errors
  outbox retry-dead                         requeue every dead row with fresh attempts
  seed --products N                         fill the catalog up to N products SEED-000001… (benchmarks, demos)
  seed-demo [--password P]                  a demo admin and customer (random passwords, printed once), products, orders

Uses the same DATABASE_URL (and other variables) as the server.`;

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, Command> = {
  async migrate() {
    const config = loadConfig(process.env);
    const database = openDatabase(config.databaseUrl);
    try {
      const applied = await migrateToLatest(database);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    } finally {
      await database.close();
    }
  },

  async 'create-admin'(args) {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, password: { type: 'string' } } });
    if (!values.email || !values.password) throw new UsageError('create-admin needs --email and --password');
    const services = await compose(loadConfig(process.env));
    try {
      const admin = await services.http.users.register.execute({ email: values.email, password: values.password }, 'admin');
      console.log(`created admin ${admin.email} (${admin.id})`);
    } finally {
      await services.close();
    }
  },

  async worker() {
    const services = await compose(loadConfig(process.env));
    services.dispatcher.start();
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    console.log(`${signal}: finishing the current batch`);
    // Stops the dispatcher (its in-flight batch completes) before the database closes.
    await services.close();
  },

  async seed(args) {
    const { values } = parseArgs({ args, options: { products: { type: 'string' } } });
    const count = Number(values.products);
    if (!values.products || !/^\d+$/.test(values.products) || count > 10_000_000) throw new UsageError('seed needs --products N (0–10000000)');
    const config = loadConfig(process.env);
    const database = openDatabase(config.databaseUrl);
    try {
      await migrateToLatest(database);
      const started = Date.now();
      const inserted = await seedProducts(database, { ids: new UuidV7IdGenerator(), clock: new SystemClock() }, { count });
      console.log(`seeded ${inserted} product(s) (${count - inserted} already there) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await database.close();
    }
  },

  async 'seed-demo'(args) {
    const { values } = parseArgs({ args, options: { password: { type: 'string' } } });
    const password = () => values.password ?? randomBytes(12).toString('base64url');
    const [adminPassword, customerPassword] = [password(), password()];
    const services = await compose(loadConfig(process.env));
    try {
      const result = await new SeedDemo(services.http).execute({ adminPassword, customerPassword });
      if (!result.seeded) {
        console.log(`demo data is already there (${DEMO_ADMIN_EMAIL} exists): nothing changed; its passwords were printed when it was created`);
        return;
      }
      console.log(`demo admin:    ${DEMO_ADMIN_EMAIL}  password: ${adminPassword}`);
      console.log(`demo customer: ${DEMO_CUSTOMER_EMAIL}  password: ${customerPassword}`);
      console.log('(passwords are stored hashed: note them now)');
      const { pending, confirmed, cancelled } = result.orders;
      console.log(`${result.products} products (USD and EUR); the customer's orders: ${pending} pending, ${confirmed} confirmed, ${cancelled} cancelled`);
    } finally {
      await services.close();
    }
  },

  async outbox(args) {
    const [action] = args;
    if (action !== undefined && action !== 'retry-dead') throw new UsageError(`unknown outbox action "${action}"`);
    const config = loadConfig(process.env);
    const database = openDatabase(config.databaseUrl);
    try {
      await migrateToLatest(database);
      if (action === 'retry-dead') {
        console.log(`requeued ${await requeueDeadEvents(database.db, new Date())} dead event(s)`);
        return;
      }
      const stats = await outboxStats(database.db);
      console.log(`pending: ${stats.pending}  dead: ${stats.dead}  done: ${stats.done}`);
      for (const d of stats.recentDead) {
        console.log(`dead ${d.id} ${d.type} after ${d.attempts} attempt(s) at ${d.diedAt?.toISOString() ?? '?'}: ${d.lastError ?? ''}`);
      }
    } finally {
      await database.close();
    }
  },
};

class UsageError extends Error {}

const main = async () => {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(USAGE);
    process.exit(name ? 2 : 0);
  }
  await command(args);
};

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`configuration error: ${err.message}`);
  else if (err instanceof DomainError) console.error(`refused: ${err.message}${err.issues.map((i) => ` (${i.path} ${i.message})`).join('')}`);
  else if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`);
  else console.error(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
