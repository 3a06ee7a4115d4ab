import { beforeEach, describe, expect, it } from 'vitest';
import { CreateAdmin } from '../../../src/application/users/create-admin.use-case.js';
import { RegisterUser } from '../../../src/application/users/register-user.use-case.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { FakeHasher, SequenceIds } from '../../support/fakes.js';

const clock = { now: () => new Date('2025-05-05T05:05:05.000Z') };

describe('CreateAdmin (in-memory)', () => {
  let uow: InMemoryUnitOfWork;
  let createAdmin: CreateAdmin;

  beforeEach(() => {
    uow = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    createAdmin = new CreateAdmin({ uow, hasher: new FakeHasher(), clock, ids: new SequenceIds('u') });
  });

  it('creates an active admin with a hashed password, and its welcome event in the same unit of work', async () => {
    const dto = await createAdmin.execute({ email: 'Root@Example.com', password: 'long enough' });
    expect(dto).toEqual({ id: 'u-000001', email: 'Root@Example.com', isActive: true, role: 'admin', createdAt: '2025-05-05T05:05:05.000Z' });
    expect(uow.store.current.users.get('u-000001')).toMatchObject({ role: 'admin', passwordHash: 'hashed:long enough' });
    expect(uow.store.current.outbox).toEqual([expect.objectContaining({ type: 'UserRegistered', aggregateId: 'u-000001' })]);
  });

  it('refuses an invalid email and a password outside the policy, creating nothing', async () => {
    await expect(createAdmin.execute({ email: 'not-an-email', password: 'long enough' })).rejects.toMatchObject({ code: 'validation.invalid' });
    await expect(createAdmin.execute({ email: 'root@example.com', password: 'x' })).rejects.toMatchObject({ code: 'validation.invalid' });
    expect(uow.store.current.users.size).toBe(0);
    expect(uow.store.current.outbox).toHaveLength(0);
  });

  it("refuses an email any user already holds, in any case, whatever that user's role", async () => {
    await new RegisterUser({ uow, hasher: new FakeHasher(), clock, ids: new SequenceIds('c') }).execute({ email: 'ada@example.com', password: 'long enough' });
    await expect(createAdmin.execute({ email: 'ADA@example.com', password: 'long enough' })).rejects.toMatchObject({ code: 'user.email_taken' });
    await createAdmin.execute({ email: 'root@example.com', password: 'long enough' });
    await expect(createAdmin.execute({ email: 'root@example.com', password: 'other password' })).rejects.toMatchObject({ code: 'user.email_taken' });
    expect([...uow.store.current.users.values()].map((u) => u.role)).toEqual(['customer', 'admin']);
  });
});
