import type { Role } from '../../domain/users/role.js';
import type { User } from '../../domain/users/user.entity.js';

export interface UserListFilter {
  /** Case-insensitive substring of the email. */
  q: string | null;
  role: Role | null;
  isActive: boolean | null;
  /** Rows after this id (ids are time-ordered: oldest first). */
  after: string | null;
  limit: number;
}

/** The admin's user list: a read, by id ascending. */
export interface UserViews {
  list(filter: UserListFilter): Promise<User[]>;
}
