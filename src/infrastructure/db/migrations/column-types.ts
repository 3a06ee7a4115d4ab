import { sql, type ColumnDataType, type Expression } from 'kysely';
import type { SqlDialect } from '../database.js';

type ColumnType = ColumnDataType | Expression<unknown>;

/** The few types that differ between the dialects, in one place. */
export const columnTypes = (dialect: SqlDialect) => ({
  // Byte-order collation so keyset pagination on ids sorts the same on both databases.
  id: (dialect === 'postgres' ? sql`text collate "C"` : 'text') as ColumnType,
  timestamp: (dialect === 'postgres' ? 'timestamptz' : 'text') as ColumnType,
  boolean: (dialect === 'postgres' ? 'boolean' : 'integer') as ColumnType,
  bigint: 'bigint' as ColumnType,
});
