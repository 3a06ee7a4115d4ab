import type { User } from '../../domain/users/user.entity.js';
import type { Role } from '../../domain/users/role.js';

/** What a client may see of a user: never a password or its hash. */
export interface UserDto {
  id: string;
  email: string;
  isActive: boolean;
  role: Role;
  createdAt: string;
}

export const toUserDto = (u: User): UserDto => ({
  id: u.id,
  email: u.email.value,
  isActive: u.isActive,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});
