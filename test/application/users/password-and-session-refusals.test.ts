import { beforeEach, describe, expect, it } from 'vitest';
import { ChangePassword } from '../../../src/application/users/change-password.use-case.js';
import { ConfirmPasswordReset } from '../../../src/application/users/confirm-password-reset.use-case.js';
import { DeactivateUser } from '../../../src/application/users/deactivate-user.use-case.js';
import { IssueToken } from '../../../src/application/users/issue-token.use-case.js';
import { ReactivateUser } from '../../../src/application/users/reactivate-user.use-case.js';
import { RefreshSession } from '../../../src/application/users/refresh-session.use-case.js';
import { RegisterUser } from '../../../src/application/users/register-user.use-case.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { RandomSecretTokens } from '../../../src/infrastructure/security/random-secret-tokens.js';
import { FakeHasher, FakeTokens, SequenceIds } from '../../support/fakes.js';
import { refused } from '../../support/refusal.js';
import { TestClock } from '../../support/use-case-harness.js';

const PW = 'long enough';
const admin = { userId: 'root', role: 'admin' as const };

/** Counts the hashes it computes: hashing a new password is the slow step a refusal should skip. */
class CountingHasher extends FakeHasher {
  hashes = 0;
  override async hash(password: string) {
    this.hashes += 1;
    return super.hash(password);
  }
}

describe('password and session refusals (in-memory)', () => {
  let uow: InMemoryUnitOfWork;
  let clock: TestClock;
  let secrets: RandomSecretTokens;
  let userId: string;
  const sessions = () => ({ tokens: new FakeTokens(clock), secrets, clock, ids: new SequenceIds('fam'), refreshTtlSeconds: 3600 });

  beforeEach(async () => {
    uow = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    clock = new TestClock(new Date('2030-01-01T00:00:00.000Z'));
    secrets = new RandomSecretTokens();
    userId = (await new RegisterUser({ uow, hasher: new FakeHasher(), clock, ids: new SequenceIds('u') }).execute({ email: 'a@example.com', password: PW })).id;
  });

  it('a password change with a wrong current password is auth.wrong_password, explained', async () => {
    const change = new ChangePassword({ uow, hasher: new FakeHasher(), clock });
    const error = await refused(change.execute({ actor: { userId, role: 'customer' }, currentPassword: 'not the one', newPassword: 'new password' }));
    expect(error.code).toBe('auth.wrong_password');
  });

  it('a password change to a too short password is refused at /newPassword', async () => {
    const change = new ChangePassword({ uow, hasher: new FakeHasher(), clock });
    const error = await refused(change.execute({ actor: { userId, role: 'customer' }, currentPassword: PW, newPassword: 'short' }));
    expect(error).toMatchObject({ code: 'validation.invalid', issues: [{ path: '/newPassword' }] });
  });

  it('a reset to a too short password is refused at /newPassword', async () => {
    const confirm = new ConfirmPasswordReset({ uow, hasher: new FakeHasher(), secrets, clock });
    const error = await refused(confirm.execute({ token: 'whatever', newPassword: 'short' }));
    expect(error).toMatchObject({ code: 'validation.invalid', issues: [{ path: '/newPassword' }] });
  });

  it('an unknown reset token is refused at /token before the new password is hashed', async () => {
    const hasher = new CountingHasher();
    const confirm = new ConfirmPasswordReset({ uow, hasher, secrets, clock });
    const error = await refused(confirm.execute({ token: 'never issued', newPassword: 'new password' }));
    expect(error).toMatchObject({ code: 'auth.invalid_reset_token', issues: [{ path: '/token' }] });
    expect(hasher.hashes).toBe(0);
  });

  it('an unknown refresh token is auth.invalid_refresh_token, explained', async () => {
    const error = await refused(new RefreshSession({ ...sessions(), uow }).execute({ refreshToken: 'never issued' }));
    expect(error.code).toBe('auth.invalid_refresh_token');
  });

  it('only an admin may reactivate, and the refusal says so', async () => {
    const error = await refused(new ReactivateUser({ uow, clock }).execute({ actor: { userId, role: 'customer' }, userId }));
    expect(error.code).toBe('auth.forbidden');
  });

  it('a deactivated account is told so even when the login throttle would refuse: the throttle is not asked', async () => {
    await new DeactivateUser({ uow, clock }).execute({ actor: admin, userId });
    let asked = 0;
    const issue = new IssueToken({ ...sessions(), uow, hasher: new FakeHasher() });
    const mayIssue = async () => {
      asked += 1;
      return false;
    };
    const error = await refused(issue.execute({ email: 'a@example.com', password: PW, mayIssue }));
    expect(error.code).toBe('user.inactive');
    expect(asked).toBe(0);
  });

  it('an account deactivated while its password was being verified starts no session: user.inactive', async () => {
    /** The slow verification: meanwhile an admin deactivates the account. */
    class DeactivateWhileVerifying extends FakeHasher {
      override async verify(hash: string, password: string) {
        const ok = await super.verify(hash, password);
        await new DeactivateUser({ uow, clock }).execute({ actor: admin, userId });
        return ok;
      }
    }
    const issue = new IssueToken({ ...sessions(), uow, hasher: new DeactivateWhileVerifying() });
    const error = await refused(issue.execute({ email: 'a@example.com', password: PW }));
    expect(error.code).toBe('user.inactive');
    expect(uow.store.current.refreshTokens.size).toBe(0);
  });
});
