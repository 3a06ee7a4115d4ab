import type { UserListFilter, UserViews } from '../../application/ports/user-views.port.js';
import type { User } from '../../domain/users/user.entity.js';
import type { InMemoryStore } from './in-memory-store.js';
import { userFromRecord, type UserRecord } from './in-memory-user.repository.js';

export class InMemoryUserViews implements UserViews {
  constructor(private readonly store: InMemoryStore) {}

  async list(f: UserListFilter): Promise<User[]> {
    const q = f.q?.toLowerCase() ?? null;
    return [...(this.store.users as unknown as Map<string, UserRecord>).values()]
      .filter((r) => (q === null || r.email.toLowerCase().includes(q)) && (f.role === null || r.role === f.role) && (f.isActive === null || r.isActive === f.isActive) && (f.after === null || r.id > f.after))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, f.limit)
      .map(userFromRecord);
  }
}
