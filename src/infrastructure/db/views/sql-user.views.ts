import { sql, type Kysely } from 'kysely';
import type { UserListFilter, UserViews } from '../../../application/ports/user-views.port.js';
import type { User } from '../../../domain/users/user.entity.js';
import type { DB } from '../database.schema.js';
import { userFromRow } from '../mappers/user.mapper.js';
import { fromBool } from '../mappers/row-values.js';

/** LIKE's wildcards in the search text match themselves. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class SqlUserViews implements UserViews {
  constructor(private readonly db: Kysely<DB>) {}

  async list(f: UserListFilter): Promise<User[]> {
    let q = this.db.selectFrom('users').selectAll();
    // SQLite has no default LIKE escape character: name it for both dialects.
    if (f.q !== null) q = q.where(sql<boolean>`email_normalized like ${`%${likeEscape(f.q.toLowerCase())}%`} escape '\\'`);
    if (f.role !== null) q = q.where('role', '=', f.role);
    if (f.isActive !== null) q = q.where('is_active', '=', fromBool(f.isActive) as never);
    if (f.after !== null) q = q.where('id', '>', f.after);
    const rows = await q.orderBy('id').limit(f.limit).execute();
    return rows.map(userFromRow);
  }
}
