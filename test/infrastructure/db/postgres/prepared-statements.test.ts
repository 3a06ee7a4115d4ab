import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../../src/infrastructure/db/database.js';
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from '../../../support/postgres.js';

/** The statements prepared on the one connection of a one-connection pool. */
const prepared = async (database: Database): Promise<string[]> =>
  (await sql<{ statement: string }>`select statement from pg_prepared_statements order by prepare_time`.execute(database.db)).rows.map((r) => r.statement);

describe.skipIf(!postgresAvailable)('server-side prepared statements on PostgreSQL', () => {
  let created: TestDatabase;
  let database: Database;
  beforeEach(async () => {
    created = await createPostgresDatabase();
    database = openDatabase(created.url, { poolSize: 1 });
    await sql`create table things (id int primary key, name text)`.execute(database.db);
    await sql`insert into things values (1, 'one'), (2, 'two')`.execute(database.db);
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  it('prepares a parameterised statement once per connection and reuses it', async () => {
    const byId = (id: number) => database.db.selectFrom('things' as never).selectAll().where('id' as never, '=', id as never).execute();
    expect(await byId(1)).toEqual([{ id: 1, name: 'one' }]);
    expect(await byId(2)).toEqual([{ id: 2, name: 'two' }]);
    const statements = (await prepared(database)).filter((s) => s.includes('"things"'));
    expect(statements).toEqual(['select * from "things" where "id" = $1']);
  });

  it('leaves statements without parameters (BEGIN, COMMIT) unprepared', async () => {
    await database.db.transaction().execute(async (trx) => sql`select 1`.execute(trx));
    expect(await prepared(database)).toEqual([]);
  });

  it('a migration that changes a prepared select * costs one failed statement, then it is prepared afresh', async () => {
    const all = () => database.db.selectFrom('things' as never).selectAll().where('id' as never, '>', 0 as never).orderBy('id' as never).execute();
    await all();
    await sql`alter table things add column colour text`.execute(database.db);
    await expect(all()).rejects.toMatchObject({ code: '0A000' });
    expect(await all()).toEqual([
      { id: 1, name: 'one', colour: null },
      { id: 2, name: 'two', colour: null },
    ]);
  });
});
