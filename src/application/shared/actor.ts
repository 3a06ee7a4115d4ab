import type { Role } from '../../domain/users/role.js';

/** Who is asking: the authenticated caller, as the HTTP edge hands it to a use case. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
}

export const isAdmin = (actor: Actor): boolean => actor.role === 'admin';
