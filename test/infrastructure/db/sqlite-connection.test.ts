import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';

describe('SQLite connections (sqlite/sqlite-connection.ts, sqlite-statement-cache.ts)', () => {
  let created: TestDatabase;
  let database: Database;
  let file: string;

  beforeEach(async () => {
    created = await createSqliteDatabase();
    file = created.url.slice('sqlite:'.length);
    database = openDatabase(created.url);
    await sql`create table blobs (id integer primary key, body blob not null)`.execute(database.db);
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  it('checkpoints by itself: 24 MiB committed in small transactions leave a WAL of a few MiB, and none after close', async () => {
    const body = Buffer.alloc(64 * 1024, 7);
    for (let t = 0; t < 96; t++) {
      await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 4; i++) await sql`insert into blobs (body) values (${body})`.execute(trx);
      });
    }
    const wal = statSync(`${file}-wal`).size;
    // SQLite's own checkpoint (every 1,000 pages, 4 MiB) keeps rewinding the WAL; without it, it would hold all 24 MiB.
    expect(wal).toBeLessThan(8 * 1024 * 1024);
    await database.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    database = openDatabase(created.url); // for afterEach
  });

  it('a transaction takes the write lock as it begins: another process cannot commit between its read and its write (no SQLITE_BUSY_SNAPSHOT)', async () => {
    await sql`insert into blobs (body) values (x'00')`.execute(database.db);
    // Another process's connection (a cli worker, a second server), not waiting for locks.
    const other = new BetterSqlite3(file);
    other.pragma('busy_timeout = 0');
    try {
      let otherWrite: unknown = null;
      await database.db.transaction().execute(async (trx) => {
        await sql`select count(*) from blobs`.execute(trx);
        try {
          other.prepare(`insert into blobs (body) values (x'01')`).run();
        } catch (err) {
          otherWrite = err;
        }
        // Deferred, this write would fail: the other process committed after our read.
        await sql`insert into blobs (body) values (x'02')`.execute(trx);
      });
      expect((otherWrite as { code?: string } | null)?.code).toBe('SQLITE_BUSY');
      expect((await sql<{ n: number }>`select count(*) as n from blobs`.execute(database.db)).rows).toEqual([{ n: 2 }]);
    } finally {
      other.close();
    }
  });

  it('the read connection is read-only and sees what the writer committed', async () => {
    await sql`insert into blobs (body) values (x'00')`.execute(database.db);
    expect((await sql<{ n: number }>`select count(*) as n from blobs`.execute(database.reader)).rows).toEqual([{ n: 1 }]);
    await expect(sql`insert into blobs (body) values (x'01')`.execute(database.reader)).rejects.toThrow(/readonly/i);
  });

  it('a cached statement follows a schema change (SELECT * gains a column)', async () => {
    await sql`insert into blobs (body) values (x'00')`.execute(database.db);
    const all = () => sql<Record<string, unknown>>`select * from blobs`.execute(database.db);
    expect(Object.keys((await all()).rows[0]!)).toEqual(['id', 'body']); // now cached
    await sql`alter table blobs add column note text default 'new'`.execute(database.db);
    expect((await all()).rows[0]).toMatchObject({ id: 1, note: 'new' });
  });
});
