import { parseArgs } from 'node:util';
import { compose } from './composition-root.js';
import { DomainError } from './domain/shared/domain-error.js';
import { ConfigError, loadConfig } from './infrastructure/config/config.js';
import { migrateToLatest } from './infrastructure/db/migrate.js';
import { openDatabase } from './infrastructure/db/database.js';
import { outboxStats, requeueDeadEvents } from './infrastructure/db/repositories/sql-outbox-admin.js';

const USAGE = `usage: npm run cli -- <command> [options]

commands:
  migrate                                   bring the database schema up to date
  create-admin --email E --password P       create an admin user
  worker                                    run the outbox dispatcher (emails) until SIGTERM/SIGINT
  outbox                                    outbox counts per status and the latest dead rows' errors
  outbox retry-dead                         requeue every dead row with fresh attempts

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
