import { DomainError, invalid } from '../../domain/shared/domain-error.js';
import { ROLES, type Role } from '../../domain/users/role.js';
import { type Actor, isAdmin } from '../shared/actor.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { keysetQuery, type Page, type PageRequest, toPage } from '../shared/pagination.js';
import { toUserDto, type UserDto } from './user.dto.js';

export interface ListUsersInput extends PageRequest {
  actor: Actor;
  /** Case-insensitive substring of the email. */
  q?: string | null;
  role?: string | null;
  isActive?: boolean | null;
}

/** The admin's view of every account, oldest first, filtered by email text, role and active flag. */
export class ListUsers {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(input: ListUsersInput): Promise<Page<UserDto>> {
    if (!isAdmin(input.actor)) throw new DomainError('auth.forbidden', 'only an admin can list users');
    const { limit, fetch, after } = keysetQuery(input);
    const role = roleFilter(input.role);
    const q = input.q === '' ? null : (input.q ?? null);
    const rows = await this.deps.uow.read((tx) => tx.userViews.list({ q, role, isActive: input.isActive ?? null, after, limit: fetch }));
    return toPage(rows, limit, toUserDto);
  }
}

const roleFilter = (role: string | null | undefined): Role | null => {
  if (role === undefined || role === null) return null;
  if (!(ROLES as readonly string[]).includes(role)) throw invalid('role', `must be one of ${ROLES.join(', ')}`);
  return role as Role;
};
