import { beforeEach, describe, expect, it } from 'vitest';
import { AuthenticateRequest } from '../../../src/application/users/authenticate-request.use-case.js';
import { ChangeEmail } from '../../../src/application/users/change-email.use-case.js';
import { DeactivateUser } from '../../../src/application/users/deactivate-user.use-case.js';
import { GetUser } from '../../../src/application/users/get-user.use-case.js';
import { IssueToken } from '../../../src/application/users/issue-token.use-case.js';
import { RegisterUser } from '../../../src/application/users/register-user.use-case.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { RandomSecretTokens } from '../../../src/infrastructure/security/random-secret-tokens.js';
import { FakeHasher, FakeTokens, SequenceIds } from '../../support/fakes.js';

const clock = { now: () => new Date('2025-05-05T05:05:05.000Z') };

describe('users use cases (in-memory)', () => {
  let uow: InMemoryUnitOfWork;
  let hasher: FakeHasher;
  let register: RegisterUser;
  let issue: IssueToken;
  let authenticate: AuthenticateRequest;

  beforeEach(() => {
    uow = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    hasher = new FakeHasher();
    const tokens = new FakeTokens();
    register = new RegisterUser({ uow, hasher, clock, ids: new SequenceIds('u') });
    issue = new IssueToken({ uow, hasher, tokens, secrets: new RandomSecretTokens(), clock, ids: new SequenceIds('f'), refreshTtlSeconds: 3600 });
    authenticate = new AuthenticateRequest({ uow, tokens });
  });

  it('register stores a hashed password and writes UserRegistered to the outbox in the same unit of work', async () => {
    const dto = await register.execute({ email: 'Ada@Example.com', password: 'long enough' });
    expect(dto).toEqual({ id: 'u-000001', email: 'Ada@Example.com', isActive: true, role: 'customer', createdAt: '2025-05-05T05:05:05.000Z' });
    const store = uow.store.current;
    expect(store.users.get('u-000001')).toMatchObject({ passwordHash: 'hashed:long enough' });
    expect(store.outbox).toEqual([expect.objectContaining({ type: 'UserRegistered', aggregateId: 'u-000001' })]);
  });

  it('a refused registration leaves nothing behind (no user, no outbox row)', async () => {
    await register.execute({ email: 'ada@example.com', password: 'long enough' });
    await expect(register.execute({ email: 'ADA@example.com', password: 'long enough' })).rejects.toMatchObject({ code: 'user.email_taken' });
    expect(uow.store.current.users.size).toBe(1);
    expect(uow.store.current.outbox).toHaveLength(1);
  });

  it('validates email and password before hashing', async () => {
    await expect(register.execute({ email: 'bad', password: 'long enough' })).rejects.toMatchObject({ code: 'validation.invalid' });
    await expect(register.execute({ email: 'a@example.com', password: 'short' })).rejects.toMatchObject({ code: 'validation.invalid' });
    expect(uow.store.current.users.size).toBe(0);
  });

  it('issue token: same error for unknown email and wrong password, and both pay for a verification', async () => {
    await register.execute({ email: 'ada@example.com', password: 'long enough' });
    const before = hasher.verifications;
    const unknown = await issue.execute({ email: 'nobody@example.com', password: 'x' }).catch((e: unknown) => e);
    const wrong = await issue.execute({ email: 'ada@example.com', password: 'x' }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'auth.invalid_credentials', message: 'wrong email or password' });
    expect(wrong).toMatchObject({ code: 'auth.invalid_credentials', message: 'wrong email or password' });
    expect(hasher.verifications - before).toBe(2);
    expect(await issue.execute({ email: 'ADA@example.com', password: 'long enough' })).toEqual({ accessToken: 'token:u-000001', expiresInSeconds: 60, refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  });

  it('a deactivated user can neither log in nor use an old token', async () => {
    const user = await register.execute({ email: 'ada@example.com', password: 'long enough' });
    const { accessToken } = (await issue.execute({ email: 'ada@example.com', password: 'long enough' }))!;
    const actor = (await authenticate.execute(accessToken)).actor;
    await new DeactivateUser({ uow, clock }).execute({ actor, userId: user.id });
    await expect(issue.execute({ email: 'ada@example.com', password: 'long enough' })).rejects.toMatchObject({ code: 'user.inactive' });
    await expect(authenticate.execute(accessToken)).rejects.toMatchObject({ code: 'auth.invalid_token' });
  });

  it('get/deactivate: self or admin; anyone else gets not_found', async () => {
    const a = await register.execute({ email: 'a@example.com', password: 'long enough' });
    const b = await register.execute({ email: 'b@example.com', password: 'long enough' });
    const admin = await register.execute({ email: 'root@example.com', password: 'long enough' }, 'admin');
    const get = new GetUser({ uow });
    expect((await get.execute({ actor: { userId: a.id, role: 'customer' }, userId: a.id })).id).toBe(a.id);
    expect((await get.execute({ actor: { userId: admin.id, role: 'admin' }, userId: a.id })).id).toBe(a.id);
    await expect(get.execute({ actor: { userId: b.id, role: 'customer' }, userId: a.id })).rejects.toMatchObject({ code: 'user.not_found' });
    const deactivate = new DeactivateUser({ uow, clock });
    await expect(deactivate.execute({ actor: { userId: b.id, role: 'customer' }, userId: a.id })).rejects.toMatchObject({ code: 'user.not_found' });
    expect((await deactivate.execute({ actor: { userId: admin.id, role: 'admin' }, userId: a.id })).isActive).toBe(false);
  });

  it('change email: refuses an address another user holds, in any case', async () => {
    const a = await register.execute({ email: 'a@example.com', password: 'long enough' });
    await register.execute({ email: 'b@example.com', password: 'long enough' });
    const change = new ChangeEmail({ uow, clock });
    const actor = { userId: a.id, role: 'customer' as const };
    await expect(change.execute({ actor, email: 'B@EXAMPLE.com' })).rejects.toMatchObject({ code: 'user.email_taken' });
    expect((await change.execute({ actor, email: 'A@example.com' })).email).toBe('A@example.com');
  });
});
