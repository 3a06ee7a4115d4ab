import { Email } from '../../domain/users/email.value-object.js';
import type { Role } from '../../domain/users/role.js';
import { emailTaken, User } from '../../domain/users/user.entity.js';
import type { UserRepository } from '../../domain/users/user.repository.port.js';
import type { InMemoryStore } from './in-memory-store.js';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  sessionsValidAfter: string | null;
}

const toRecord = (u: User): UserRecord => ({
  id: u.id,
  email: u.email.value,
  passwordHash: u.passwordHash,
  role: u.role,
  isActive: u.isActive,
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
  sessionsValidAfter: u.sessionsValidAfter?.toISOString() ?? null,
});

export const userFromRecord = (r: UserRecord): User =>
  User.restore({
    id: r.id,
    email: Email.restore(r.email),
    passwordHash: r.passwordHash,
    role: r.role,
    isActive: r.isActive,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    sessionsValidAfter: r.sessionsValidAfter === null ? null : new Date(r.sessionsValidAfter),
  });

export class InMemoryUserRepository implements UserRepository {
  constructor(private readonly store: InMemoryStore) {}

  private get rows(): Map<string, UserRecord> {
    return this.store.users as unknown as Map<string, UserRecord>;
  }

  async findById(id: string): Promise<User | null> {
    const r = this.rows.get(id);
    return r ? userFromRecord(r) : null;
  }

  async findByEmail(email: Email): Promise<User | null> {
    for (const r of this.rows.values()) if (r.email.toLowerCase() === email.normalized) return userFromRecord(r);
    return null;
  }

  async insert(user: User): Promise<void> {
    this.assertEmailFree(user);
    this.rows.set(user.id, toRecord(user));
  }

  async update(user: User): Promise<void> {
    this.assertEmailFree(user);
    this.rows.set(user.id, toRecord(user));
  }

  private assertEmailFree(user: User): void {
    for (const r of this.rows.values()) {
      if (r.id !== user.id && r.email.toLowerCase() === user.email.normalized) {
        throw emailTaken();
      }
    }
  }
}
