import { Email } from '../../../domain/users/email.value-object.js';
import type { Role } from '../../../domain/users/role.js';
import { User } from '../../../domain/users/user.entity.js';
import type { UsersTable } from '../database.schema.js';
import { fromBool, toBool, toDate, toIso } from './row-values.js';

export const userFromRow = (row: UsersTable): User =>
  User.restore({
    id: row.id,
    email: Email.restore(row.email),
    passwordHash: row.password_hash,
    role: row.role as Role,
    isActive: toBool(row.is_active),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    sessionsValidAfter: row.sessions_valid_after === null || row.sessions_valid_after === undefined ? null : toDate(row.sessions_valid_after),
  });

export const userToRow = (user: User): UsersTable => ({
  id: user.id,
  email: user.email.value,
  email_normalized: user.email.normalized,
  password_hash: user.passwordHash,
  role: user.role,
  is_active: fromBool(user.isActive),
  created_at: toIso(user.createdAt),
  updated_at: toIso(user.updatedAt),
  sessions_valid_after: user.sessionsValidAfter === null ? null : toIso(user.sessionsValidAfter),
});
