import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEMO_ADMIN_EMAIL, DEMO_CUSTOMER_EMAIL } from './application/demo/seed-demo.use-case.js';
import { compose } from './composition-root.js';
import { DomainError } from './domain/shared/domain-error.js';
import { ConfigError, loadConfig } from './infrastructure/config/config.js';
import { migrateToLatest, migrationStatus } from './infrastructure/db/migrate.js';
import { openDatabase } from './infrastructure/db/database.js';
import { outboxStats, requeueDeadEvents } from './infrastructure/db/repositories/sql-outbox-admin.js';
import { seedProducts } from './infrastructure/db/product-seeder.js';
import { BackupRefused, backupSqlite } from './infrastructure/db/sqlite-backup.js';
import { SystemClock } from './infrastructure/system/system-clock.js';
import { UuidV7IdGenerator } from './infrastructure/system/uuid-v7-id-generator.js';

interface Command {
  /** The command's usage line(s), as printed by `--help` and under a usage error. */
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** The positional arguments it accepts (none unless listed). */
  positionals?: string[];
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void>;
}

/** A malformed command line: the reason, then the command's usage; exit 2. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** A well-formed request the CLI will not carry out (e.g. backup on PostgreSQL); exit 1. */
class Refusal extends Error {}

const sqliteFile = (databaseUrl: string): string | undefined => (databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : undefined);

const commands: Record<string, Command> = {
  migrate: {
    usage: `migrate                                   bring the database schema up to date
  migrate --status                          one line per migration, applied or pending (changes nothing)`,
    options: { status: { type: 'boolean' } },
    async run(values) {
      const config = loadConfig(process.env);
      const file = sqliteFile(config.databaseUrl);
      // Opening a missing SQLite file would create it: its status is an empty database's.
      const missing = values.status === true && file !== undefined && file !== ':memory:' && !existsSync(file);
      const database = openDatabase(missing ? 'sqlite::memory:' : config.databaseUrl);
      try {
        if (values.status) {
          for (const m of await migrationStatus(database)) console.log(`${m.name}  ${m.applied ? 'applied' : 'pending'}`);
          return;
        }
        const applied = await migrateToLatest(database);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      } finally {
        await database.close();
      }
    },
  },

  'create-admin': {
    usage: 'create-admin --email E --password P       create an admin user',
    options: { email: { type: 'string' }, password: { type: 'string' } },
    async run(values) {
      const { email, password } = values;
      if (typeof email !== 'string' || typeof password !== 'string') throw new UsageError('create-admin needs --email and --password', commandUsage(this));
      const services = await compose(loadConfig(process.env));
      try {
        const admin = await services.useCases.createAdmin.execute({ email, password });
        console.log(`created admin ${admin.email} (${admin.id})`);
      } finally {
        await services.close();
      }
    },
  },

  worker: {
    usage: 'worker                                    run the outbox dispatcher (emails, webhook fan-out), the webhook worker and hourly purges until SIGTERM/SIGINT',
    async run() {
      const services = await compose(loadConfig(process.env));
      services.dispatcher.start();
      services.webhookWorker.start();
      services.housekeeping.start();
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      console.log(`${signal}: finishing the current batch`);
      // Stops the dispatcher (its in-flight batch completes) before the database closes.
      await services.close();
    },
  },

  outbox: {
    usage: `outbox                                    outbox counts per status and the latest dead rows' errors
  outbox retry-dead                         requeue every dead row with fresh attempts`,
    positionals: ['retry-dead'],
    async run(_values, [action]) {
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
  },

  seed: {
    usage: 'seed --products N                         fill the catalog up to N products SEED-000001… (benchmarks, demos)',
    options: { products: { type: 'string' } },
    async run(values) {
      const raw = values.products;
      if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) > 10_000_000) throw new UsageError('seed needs --products N (0–10000000)', commandUsage(this));
      const count = Number(raw);
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
  },

  'seed-demo': {
    usage: 'seed-demo [--password P]                  a demo admin and customer (random passwords, printed once), products, orders',
    options: { password: { type: 'string' } },
    async run(values) {
      const given = typeof values.password === 'string' ? values.password : undefined;
      const password = () => given ?? randomBytes(12).toString('base64url');
      const [adminPassword, customerPassword] = [password(), password()];
      const services = await compose(loadConfig(process.env));
      try {
        const result = await services.useCases.seedDemo.execute({ adminPassword, customerPassword });
        if (!result.seeded) {
          console.log(`demo data is already there (${DEMO_ADMIN_EMAIL} exists): nothing changed; its passwords were printed when it was created`);
          return;
        }
        console.log(`demo admin:    ${DEMO_ADMIN_EMAIL}  password: ${adminPassword}`);
        console.log(`demo customer: ${DEMO_CUSTOMER_EMAIL}  password: ${customerPassword}`);
        console.log('(passwords are stored hashed: note them now)');
        const { pending, confirmed, shipped, delivered, cancelled } = result.orders;
        console.log(
          `${result.products} products (USD and EUR); the customer's orders: ${pending} pending, ${confirmed} confirmed, ${shipped} shipped, ${delivered} delivered, ${cancelled} cancelled`,
        );
      } finally {
        await services.close();
      }
    },
  },

  backup: {
    usage: 'backup --to FILE                          a consistent copy of the SQLite database, safe while the server runs',
    options: { to: { type: 'string' } },
    async run(values) {
      if (typeof values.to !== 'string' || values.to === '') throw new UsageError('backup needs --to FILE', commandUsage(this));
      const file = sqliteFile(loadConfig(process.env).databaseUrl);
      if (file === undefined) throw new Refusal('backup copies SQLite databases only; for PostgreSQL use pg_dump (e.g. pg_dump -Fc "$DATABASE_URL" -f FILE)');
      if (file === ':memory:') throw new Refusal('the database is in memory: there is nothing to back up');
      const started = Date.now();
      const { pages } = await backupSqlite(file, values.to);
      console.log(`backed up ${file} to ${values.to} (${pages} pages) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  },
};

const USAGE = `usage: npm run cli -- <command> [options]      (--help after a command: its usage)

commands:
${Object.values(commands)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

Uses the same DATABASE_URL (and other variables) as the server.`;

const HELP = ['--help', '-h', 'help'];

const commandUsage = (command: Command): string => `usage:\n${command.usage.split('\n').map((line) => `  npm run cli -- ${line.trim()}`).join('\n')}`;

/** Parses a command's arguments strictly: an unknown option, a missing value or a stray word is a usage error. */
const parseCommandLine = (name: string, command: Command, args: string[]) => {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    // node:util's message goes on with advice about '--'; its first sentence is the reason.
    throw new UsageError(`${name}: ${(e instanceof Error ? e.message : String(e)).split('. ')[0]}`, commandUsage(command));
  }
  const stray = parsed.positionals.find((p) => !command.positionals?.includes(p));
  if (stray !== undefined && !parsed.values.help) throw new UsageError(`${name}: unexpected argument "${stray}"`, commandUsage(command));
  return parsed;
};

const main = async (): Promise<void> => {
  const [name, ...args] = process.argv.slice(2);
  if (name === undefined) throw new UsageError('a command is required', USAGE);
  if (HELP.includes(name)) {
    console.log(USAGE);
    return;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"`, USAGE);
  const { values, positionals } = parseCommandLine(name, command, args);
  if (values.help) {
    console.log(commandUsage(command));
    return;
  }
  await command.run(values, positionals);
};

/** The one line that explains why a command did not do what was asked, and the exit code that goes with it. */
const describe = (err: unknown): { line: string; code: number } => {
  if (err instanceof UsageError) return { line: `${err.message}\n\n${err.usage}`, code: 2 };
  if (err instanceof ConfigError) return { line: `configuration error: ${err.message}`, code: 1 };
  if (err instanceof DomainError) return { line: `refused: ${err.message}${err.issues.map((i) => ` (${i.path} ${i.message})`).join('')}`, code: 1 };
  if (err instanceof Refusal || err instanceof BackupRefused) return { line: `refused: ${err.message}`, code: 1 };
  return { line: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, code: 1 };
};

// Awaiting a promise holds no handle, and a library may unref() everything it runs (a worker
// thread, a timer): without this the process could exit, silently and with 0, mid-command.
const keepAlive = setInterval(() => undefined, 2 ** 31 - 1);
main().then(
  () => clearInterval(keepAlive),
  (err: unknown) => {
    const { line, code } = describe(err);
    console.error(line);
    process.exit(code);
  },
);
