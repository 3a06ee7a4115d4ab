import type { Email } from './email.value-object.js';
import type { User } from './user.entity.js';

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  /** Case-insensitive lookup. */
  findByEmail(email: Email): Promise<User | null>;
  /** A taken email (case-insensitive) throws DomainError('user.email_taken'). */
  insert(user: User): Promise<void>;
  /** A taken email (case-insensitive) throws DomainError('user.email_taken'). */
  update(user: User): Promise<void>;
}
