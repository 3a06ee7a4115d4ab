import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { createSqliteDatabase } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';

// Rows are built in JavaScript from better-sqlite3's raw arrays (database.ts objectRows):
// they must be exactly the objects better-sqlite3 itself would have built.
describe('SQLite rows built from raw arrays', () => {
  let created: TestDatabase;
  let database: Database;
  let plain: BetterSqlite3.Database;
  const both = async (query: string) => ({
    ours: (await sql.raw(query).execute(database.db)).rows,
    theirs: plain.prepare(query).all(),
  });

  beforeAll(async () => {
    created = await createSqliteDatabase();
    database = openDatabase(created.url);
    await sql`create table t (a integer, b text, c real, d blob)`.execute(database.db);
    await sql`insert into t values (1, 'x', 1.5, x'00ff'), (2, null, null, null)`.execute(database.db);
    plain = new BetterSqlite3(created.url.slice('sqlite:'.length));
  });
  afterAll(async () => {
    plain.close();
    await database.close();
    await created.drop();
  });

  it('match better-sqlite3’s own objects: values, types, key order, no rows', async () => {
    const { ours, theirs } = await both('select * from t order by a');
    expect(ours).toEqual(theirs);
    expect(ours.map((r) => Object.keys(r as object))).toEqual([['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd']]);
    expect((await both('select * from t where a = 99')).ours).toEqual([]);
  });

  it('take any column name: quotes, backslashes, line breaks, unicode, __proto__', async () => {
    const { ours, theirs } = await both(`select 1 as "it's \\ ""q""", 2 as "a
b", 3 as "prix €", 4 as "__proto__", 5 as "constructor"`);
    const [row] = ours as Record<string, unknown>[];
    // better-sqlite3 assigns `__proto__` through the setter (the column vanishes); ours keeps it as data.
    const { __proto__: _kept, ...rest } = { ...(row as object) } as Record<string, unknown>;
    expect(rest).toEqual(theirs[0]);
    expect(Object.keys(row as object)).toEqual(['it\'s \\ "q"', 'a\nb', 'prix €', '__proto__', 'constructor']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(4);
  });

  it('keep the last value of a repeated column name, as better-sqlite3 does', async () => {
    const { ours, theirs } = await both('select 1 as x, 2 as x');
    expect(ours).toEqual(theirs);
    expect(ours).toEqual([{ x: 2 }]);
  });

  it('follow a schema change under a cached statement (SELECT * gains a column)', async () => {
    await both('select * from t order by a'); // cached with four columns
    await sql`alter table t add column e text default 'new'`.execute(database.db);
    const { ours, theirs } = await both('select * from t order by a');
    expect(ours).toEqual(theirs);
    expect(ours[0]).toMatchObject({ a: 1, e: 'new' });
  });
});
