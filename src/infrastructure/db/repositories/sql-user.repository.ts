import { sql, type Kysely } from 'kysely';
import type { Email } from '../../../domain/users/email.value-object.js';
import { emailTaken, type User } from '../../../domain/users/user.entity.js';
import type { UserRepository } from '../../../domain/users/user.repository.port.js';
import type { DB, UsersTable } from '../database.schema.js';
import { userFromRow, userToRow } from '../mappers/user.mapper.js';
import { isUniqueViolation } from '../driver-errors.js';

type UserColumns = Omit<UsersTable, 'id' | 'created_at'>;

const columnsOf = (user: User): UserColumns => {
  const { id: _id, created_at: _c, ...columns } = userToRow(user);
  return columns;
};

/**
 * Bound to whatever executor the unit of work hands it (a transaction or the pool); never commits.
 * One instance per unit of work: `loaded` holds the columns each user copy was loaded with (or last
 * written as) in this unit of work — Fowler's "original values" — so an update writes only what this
 * copy changed, and never writes back a password hash or an end of sessions another transaction
 * committed meanwhile (READ COMMITTED takes no lock on the load).
 */
export class SqlUserRepository implements UserRepository {
  private readonly loaded = new Map<User, UserColumns>();

  constructor(private readonly db: Kysely<DB>) {}

  async findById(id: string): Promise<User | null> {
    // Every authenticated request reads this: literal SQL, no query building per call (docs/adr/0010).
    const [row] = (await sql<UsersTable>`SELECT * FROM users WHERE id = ${id}`.execute(this.db)).rows;
    return row ? this.remember(userFromRow(row)) : null;
  }

  async findByEmail(email: Email): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('email_normalized', '=', email.normalized).executeTakeFirst();
    return row ? this.remember(userFromRow(row)) : null;
  }

  async insert(user: User): Promise<void> {
    try {
      await this.db.insertInto('users').values(userToRow(user)).execute();
    } catch (e) {
      // The unique index is the real guard against two registrations racing.
      if (isUniqueViolation(e, 'email')) throw emailTaken();
      throw e;
    }
    this.remember(user);
  }

  /** Writes the columns that differ from what this copy was loaded with here (all of them for a copy it did not load). */
  async update(user: User): Promise<void> {
    const next = columnsOf(user);
    const before = this.loaded.get(user);
    const changes: Partial<UserColumns> = {};
    for (const [column, value] of Object.entries(next) as [keyof UserColumns, UserColumns[keyof UserColumns]][]) {
      if (before === undefined || before[column] !== value) Object.assign(changes, { [column]: value });
    }
    if (Object.keys(changes).length === 0) return;
    try {
      await this.db.updateTable('users').set(changes).where('id', '=', user.id).execute();
    } catch (e) {
      if (isUniqueViolation(e, 'email')) throw emailTaken();
      throw e;
    }
    this.loaded.set(user, next);
  }

  private remember(user: User): User {
    this.loaded.set(user, columnsOf(user));
    return user;
  }
}
