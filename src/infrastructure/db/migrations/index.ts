import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { SqlDialect } from '../database.js';
import * as m0001 from './0001-users-and-outbox.js';
import * as m0002 from './0002-catalog-and-orders.js';
import * as m0003 from './0003-idempotency-keys.js';
import * as m0004 from './0004-sessions-and-password-reset.js';
import * as m0005 from './0005-token-expiry-indexes.js';
import * as m0006 from './0006-catalog-search-and-stock-ledger.js';
import * as m0007 from './0007-order-lifecycle.js';
import * as m0008 from './0008-order-confirmation-time.js';
import * as m0009 from './0009-webhooks.js';
import * as m0010 from './0010-outbox-notify.js';
import * as m0011 from './0011-catalog-search-text.js';
import * as m0013 from './0013-webhook-endpoint-due-index.js';
import * as m0014 from './0014-outbox-notify-after-commit.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> };

// One ordered list serves both dialects; names are the migration table's keys — never rename one.
const ALL: Record<string, DialectMigration> = {
  '0001-users-and-outbox': m0001,
  '0002-catalog-and-orders': m0002,
  '0003-idempotency-keys': m0003,
  '0004-sessions-and-password-reset': m0004,
  '0005-token-expiry-indexes': m0005,
  '0006-catalog-search-and-stock-ledger': m0006,
  '0007-order-lifecycle': m0007,
  '0008-order-confirmation-time': m0008,
  '0009-webhooks': m0009,
  '0010-outbox-notify': m0010,
  '0011-catalog-search-text': m0011,
  '0013-webhook-endpoint-due-index': m0013,
  '0014-outbox-notify-after-commit': m0014,
};

/** Migrations are compiled in (no directory scanning), so they work from dist/ and from tests alike. */
export const migrationProvider = (dialect: SqlDialect): MigrationProvider => ({
  async getMigrations() {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(ALL)) out[name] = { up: (db) => m.up(db, dialect) };
    return out;
  },
});
