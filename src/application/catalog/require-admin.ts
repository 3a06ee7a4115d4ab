import { DomainError } from '../../domain/shared/domain-error.js';
import { type Actor, isAdmin } from '../shared/actor.js';

/** The catalog is managed by admins only. */
export const requireAdmin = (actor: Actor): void => {
  if (!isAdmin(actor)) throw new DomainError('auth.forbidden', 'only an admin may manage the catalog');
};
