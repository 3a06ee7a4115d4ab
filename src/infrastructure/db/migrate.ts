import { Migrator } from 'kysely';
import type { Database } from './database.js';
import { migrationProvider } from './migrations/index.js';

/** Brings the schema up to date; safe to run from several processes (Kysely takes a lock). */
export const migrateToLatest = async (database: Database): Promise<string[]> => {
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
};

export interface MigrationState {
  name: string;
  applied: boolean;
}

/** Every known migration and whether it has run; reads only (no lock, no migration table created). */
export const migrationStatus = async (database: Database): Promise<MigrationState[]> => {
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
  return (await migrator.getMigrations()).map((m) => ({ name: m.name, applied: m.executedAt !== undefined }));
};

/** A start that may not migrate (MIGRATE_ON_START=false) refuses a schema behind the code; applies nothing. */
export class SchemaBehind extends Error {
  constructor(readonly pending: readonly string[]) {
    super(`the database schema is behind this version: ${pending.length} pending migration(s) (${pending.join(', ')}); run \`npm run cli -- migrate\` (or start with MIGRATE_ON_START=true)`);
    this.name = 'SchemaBehind';
  }
}

export const requireCurrentSchema = async (database: Database): Promise<string[]> => {
  const pending = (await migrationStatus(database)).filter((m) => !m.applied).map((m) => m.name);
  if (pending.length > 0) throw new SchemaBehind(pending);
  return [];
};
