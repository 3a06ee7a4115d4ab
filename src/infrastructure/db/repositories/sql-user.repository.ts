import { sql, type Kysely } from 'kysely';
import type { Email } from '../../../domain/users/email.value-object.js';
import { emailTaken, type User } from '../../../domain/users/user.entity.js';
import type { UserRepository } from '../../../domain/users/user.repository.port.js';
import type { DB, UsersTable } from '../database.schema.js';
import { userFromRow, userToRow } from '../mappers/user.mapper.js';
import { isUniqueViolation } from '../driver-errors.js';


/** Bound to whatever executor the unit of work hands it (a transaction or the pool); never commits. */
export class SqlUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async findById(id: string): Promise<User | null> {
    // Every authenticated request reads this: literal SQL, no query building per call (docs/adr/0010).
    const [row] = (await sql<UsersTable>`SELECT * FROM users WHERE id = ${id}`.execute(this.db)).rows;
    return row ? userFromRow(row) : null;
  }

  async findByEmail(email: Email): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('email_normalized', '=', email.normalized).executeTakeFirst();
    return row ? userFromRow(row) : null;
  }

  async insert(user: User): Promise<void> {
    try {
      await this.db.insertInto('users').values(userToRow(user)).execute();
    } catch (e) {
      // The unique index is the real guard against two registrations racing.
      if (isUniqueViolation(e, 'email')) throw emailTaken();
      throw e;
    }
  }

  async update(user: User): Promise<void> {
    const { id: _id, created_at: _c, ...changes } = userToRow(user);
    try {
      await this.db.updateTable('users').set(changes).where('id', '=', user.id).execute();
    } catch (e) {
      if (isUniqueViolation(e, 'email')) throw emailTaken();
      throw e;
    }
  }
}
