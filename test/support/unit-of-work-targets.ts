import type { UnitOfWork } from '../../src/application/ports/unit-of-work.port.js';
import { openDatabase } from '../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../src/infrastructure/db/migrate.js';
import { sqlRepositories } from '../../src/infrastructure/db/sql-repositories.js';
import { inMemoryRepositories } from '../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { UuidV7IdGenerator } from '../../src/infrastructure/system/uuid-v7-id-generator.js';
import { sqlTargets } from './databases.js';

export interface UowTarget {
  name: string;
  open(): Promise<{ uow: UnitOfWork; close(): Promise<void> }>;
}

/** The adapters a repository contract suite runs on, unchanged: in-memory, SQLite, PostgreSQL. */
export const uowTargets: UowTarget[] = [
  {
    name: 'in-memory',
    open: async () => ({ uow: new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories), close: async () => undefined }),
  },
  ...sqlTargets.map(
    (target): UowTarget => ({
      name: target.name,
      open: async () => {
        const created = await target.create();
        const database = openDatabase(created.url);
        await migrateToLatest(database);
        return {
          // The read models too: the contracts hold for them as for the Kysely repositories.
          uow: new KyselyUnitOfWork(
            database.db,
            sqlRepositories(new UuidV7IdGenerator(), { productViews: database.productReadModel }),
            database.reader,
          ),
          close: async () => {
            await database.close();
            await created.drop();
          },
        };
      },
    }),
  ),
];
