import { beforeEach, describe, expect, it } from 'vitest';
import type { UserListFilter } from '../../../src/application/ports/user-views.port.js';
import { DeactivateUser } from '../../../src/application/users/deactivate-user.use-case.js';
import { ListUsers } from '../../../src/application/users/list-users.use-case.js';
import { RegisterUser } from '../../../src/application/users/register-user.use-case.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { FakeHasher, SequenceIds } from '../../support/fakes.js';
import { refused } from '../../support/refusal.js';

const clock = { now: () => new Date('2030-01-01T00:00:00.000Z') };
const admin = { userId: 'root', role: 'admin' as const };

describe('list users (in-memory)', () => {
  let uow: InMemoryUnitOfWork;
  /** Every filter the use case handed to the user views, in order. */
  let asked: UserListFilter[];
  let list: ListUsers;

  beforeEach(async () => {
    asked = [];
    uow = new InMemoryUnitOfWork({ current: emptyStore() }, (store) => {
      const tx = inMemoryRepositories(store);
      return {
        ...tx,
        userViews: {
          list: (filter) => {
            asked.push(filter);
            return tx.userViews.list(filter);
          },
        },
      };
    });
    list = new ListUsers({ uow });
    const register = new RegisterUser({ uow, hasher: new FakeHasher(), clock, ids: new SequenceIds('u') });
    await register.execute({ email: 'ada@example.com', password: 'long enough' });
    const bob = await register.execute({ email: 'bob@shop.test', password: 'long enough' });
    await register.execute({ email: 'root@example.com', password: 'long enough' }, 'admin');
    await new DeactivateUser({ uow, clock }).execute({ actor: admin, userId: bob.id });
    asked = [];
  });

  const emails = async (filter: Partial<Parameters<ListUsers['execute']>[0]>) => (await list.execute({ actor: admin, ...filter })).items.map((u) => u.email);

  it('a customer may not list users, and the refusal says why', async () => {
    const error = await refused(list.execute({ actor: { userId: 'u', role: 'customer' } }));
    expect(error.code).toBe('auth.forbidden');
  });

  it('q keeps only emails containing it, in any case', async () => {
    expect(await emails({ q: 'EXAMPLE' })).toEqual(['ada@example.com', 'root@example.com']);
    expect(await emails({ q: 'shop' })).toEqual(['bob@shop.test']);
  });

  it('an empty q is no filter at all, like an absent or null one', async () => {
    const all = ['ada@example.com', 'bob@shop.test', 'root@example.com'];
    expect(await emails({ q: '' })).toEqual(all);
    expect(await emails({ q: null })).toEqual(all);
    expect(await emails({})).toEqual(all);
    expect(asked.map((f) => f.q)).toEqual([null, null, null]);
  });

  it('role keeps only accounts of that role; absent or null keeps every role', async () => {
    expect(await emails({ role: 'admin' })).toEqual(['root@example.com']);
    expect(await emails({ role: 'customer' })).toEqual(['ada@example.com', 'bob@shop.test']);
    expect(await emails({ role: null })).toHaveLength(3);
    expect(asked.map((f) => f.role)).toEqual(['admin', 'customer', null]);
  });

  it('an unknown role is refused at /role, naming the roles there are', async () => {
    const error = await refused(list.execute({ actor: admin, role: 'owner' }));
    expect(error.code).toBe('validation.invalid');
    expect(error.issues).toEqual([{ path: 'role', message: 'must be one of customer, admin' }]);
  });

  it('isActive keeps only active or only deactivated accounts', async () => {
    expect(await emails({ isActive: false })).toEqual(['bob@shop.test']);
    expect(await emails({ isActive: true })).toEqual(['ada@example.com', 'root@example.com']);
    expect(asked.map((f) => f.isActive)).toEqual([false, true]);
  });

  it('the cursor continues after the last account of the previous page', async () => {
    const first = await list.execute({ actor: admin, limit: 2 });
    expect(first.items.map((u) => u.email)).toEqual(['ada@example.com', 'bob@shop.test']);
    const second = await list.execute({ actor: admin, limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ items: [expect.objectContaining({ email: 'root@example.com' })], nextCursor: null });
  });
});
