import { describe, expect, it } from 'vitest';
import { AuthenticateRequest } from '../../../src/application/users/authenticate-request.use-case.js';
import { ChangeEmail } from '../../../src/application/users/change-email.use-case.js';
import { DeactivateUser } from '../../../src/application/users/deactivate-user.use-case.js';
import { GetUser } from '../../../src/application/users/get-user.use-case.js';
import { IssueToken } from '../../../src/application/users/issue-token.use-case.js';
import { RegisterUser } from '../../../src/application/users/register-user.use-case.js';
import { RandomSecretTokens } from '../../../src/infrastructure/security/random-secret-tokens.js';
import { FakeHasher, FakeTokens } from '../../support/fakes.js';
import { refused } from '../../support/refusal.js';
import { aHarness } from '../../support/use-case-harness.js';

const setup = async () => {
  const h = aHarness();
  const hasher = new FakeHasher();
  const tokens = new FakeTokens();
  const register = new RegisterUser({ ...h.deps, hasher });
  const ada = await register.execute({ email: 'ada@example.com', password: 'long enough' });
  const bob = await register.execute({ email: 'bob@example.com', password: 'long enough' });
  h.uow.calls.length = 0;
  return { h, hasher, tokens, register, ada, bob };
};

const writes = (h: ReturnType<typeof aHarness>) =>
  h.uow.callNames().filter((name) => name === 'users.insert' || name === 'users.update' || name === 'outbox.add');

describe('a taken email is refused at /email before anything is written', () => {
  it('registering an address another user holds, in any case', async () => {
    const { h, register } = await setup();
    const error = await refused(register.execute({ email: 'ADA@example.com', password: 'long enough' }));
    expect(error.code).toBe('user.email_taken');
    expect(error.issues.map((i) => i.path)).toEqual(['/email']);
    expect(writes(h)).toEqual([]);
  });

  it('changing to an address another user holds, in any case', async () => {
    const { h, ada } = await setup();
    const change = new ChangeEmail(h.deps);
    const error = await refused(change.execute({ actor: { userId: ada.id, role: 'customer' }, email: 'Bob@Example.com' }));
    expect(error.code).toBe('user.email_taken');
    expect(error.issues.map((i) => i.path)).toEqual(['/email']);
    expect(writes(h)).toEqual([]);
  });

  it('changing to one’s own address in another case is allowed', async () => {
    const { h, ada } = await setup();
    const dto = await new ChangeEmail(h.deps).execute({ actor: { userId: ada.id, role: 'customer' }, email: 'ADA@example.com' });
    expect(dto.email).toBe('ADA@example.com');
  });
});

describe('users refusals explain themselves', () => {
  it('an unknown or hidden user is user.not_found', async () => {
    const { h, ada, bob } = await setup();
    const error = await refused(new GetUser(h.deps).execute({ actor: { userId: bob.id, role: 'customer' }, userId: ada.id }));
    expect(error.code).toBe('user.not_found');
    expect((await refused(new GetUser(h.deps).execute({ actor: { userId: bob.id, role: 'admin' }, userId: 'ghost' }))).code).toBe('user.not_found');
  });

  it('a deactivated user’s token is auth.invalid_token and their login user.inactive', async () => {
    const { h, hasher, tokens, ada } = await setup();
    await new DeactivateUser(h.deps).execute({ actor: { userId: ada.id, role: 'customer' }, userId: ada.id });
    const token = await refused(new AuthenticateRequest({ ...h.deps, tokens }).execute(`token:${ada.id}`));
    expect(token.code).toBe('auth.invalid_token');
    const login = await refused(new IssueToken({ ...h.deps, hasher, tokens, secrets: new RandomSecretTokens(), refreshTtlSeconds: 3600 }).execute({ email: 'ada@example.com', password: 'long enough' }));
    expect(login.code).toBe('user.inactive');
  });

  it('a malformed email at login gets the same answer as a wrong password, and pays for a verification too', async () => {
    const { h, hasher, tokens } = await setup();
    const issue = new IssueToken({ ...h.deps, hasher, tokens, secrets: new RandomSecretTokens(), refreshTtlSeconds: 3600 });
    const before = hasher.verifications;
    const malformed = await refused(issue.execute({ email: 'not an email', password: 'long enough' }));
    const wrong = await refused(issue.execute({ email: 'ada@example.com', password: 'wrong password' }));
    expect(malformed).toMatchObject({ code: 'auth.invalid_credentials', message: wrong.message, issues: [] });
    expect(hasher.verifications - before).toBe(2);
  });
});
