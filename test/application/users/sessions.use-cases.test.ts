import { beforeEach, describe, expect, it } from 'vitest';
import { DeliverEvent } from '../../../src/application/notifications/deliver-event.use-case.js';
import { AuthenticateRequest } from '../../../src/application/users/authenticate-request.use-case.js';
import { ChangePassword } from '../../../src/application/users/change-password.use-case.js';
import { ConfirmPasswordReset } from '../../../src/application/users/confirm-password-reset.use-case.js';
import { DeactivateUser } from '../../../src/application/users/deactivate-user.use-case.js';
import { IssueToken } from '../../../src/application/users/issue-token.use-case.js';
import { ListUsers } from '../../../src/application/users/list-users.use-case.js';
import { LogOut } from '../../../src/application/users/log-out.use-case.js';
import { ReactivateUser } from '../../../src/application/users/reactivate-user.use-case.js';
import { RefreshSession } from '../../../src/application/users/refresh-session.use-case.js';
import { RegisterUser } from '../../../src/application/users/register-user.use-case.js';
import { RequestPasswordReset } from '../../../src/application/users/request-password-reset.use-case.js';
import { ResetTokenIssuer } from '../../../src/application/users/reset-token-issuer.js';
import { inMemoryRepositories } from '../../../src/infrastructure/in-memory/in-memory-repositories.js';
import { InMemoryMailer } from '../../../src/infrastructure/in-memory/in-memory-mailer.js';
import { emptyStore } from '../../../src/infrastructure/in-memory/in-memory-store.js';
import { InMemoryUnitOfWork } from '../../../src/infrastructure/in-memory/in-memory-unit-of-work.js';
import { RandomSecretTokens } from '../../../src/infrastructure/security/random-secret-tokens.js';
import type { DomainEvent } from '../../../src/domain/shared/domain-event.js';
import { FakeHasher, FakeTokens, SequenceIds } from '../../support/fakes.js';
import { TestClock } from '../../support/use-case-harness.js';

const PW = 'long enough';

describe('session use cases (in-memory, on a clock that moves only when told)', () => {
  let uow: InMemoryUnitOfWork;
  let clock: TestClock;
  let secrets: RandomSecretTokens;
  let register: RegisterUser;
  let issue: IssueToken;
  let refresh: RefreshSession;
  let authenticate: AuthenticateRequest;

  beforeEach(() => {
    uow = new InMemoryUnitOfWork({ current: emptyStore() }, inMemoryRepositories);
    clock = new TestClock(new Date('2030-01-01T00:00:00.000Z'));
    secrets = new RandomSecretTokens();
    const hasher = new FakeHasher();
    const tokens = new FakeTokens(clock);
    const sessions = { tokens, secrets, clock, ids: new SequenceIds('fam'), refreshTtlSeconds: 3600 };
    register = new RegisterUser({ uow, hasher, clock, ids: new SequenceIds('u') });
    issue = new IssueToken({ ...sessions, uow, hasher });
    refresh = new RefreshSession({ ...sessions, uow });
    authenticate = new AuthenticateRequest({ uow, tokens });
  });

  const hasher = () => new FakeHasher();
  const loginAs = async (email: string, password = PW) => (await issue.execute({ email, password }))!;
  const events = (): DomainEvent[] => uow.store.current.outbox as unknown as DomainEvent[];

  it('stores only a hash of the refresh token', async () => {
    await register.execute({ email: 'a@example.com', password: PW });
    const { refreshToken } = await loginAs('a@example.com');
    const stored = [...uow.store.current.refreshTokens.keys()];
    expect(stored).toEqual([secrets.hash(refreshToken)]);
    expect(JSON.stringify([...uow.store.current.refreshTokens.values()])).not.toContain(refreshToken);
  });

  it('a login the throttle refuses at the last moment starts no session', async () => {
    await register.execute({ email: 'a@example.com', password: PW });
    expect(await issue.execute({ email: 'a@example.com', password: PW, mayIssue: async () => false })).toBeNull();
    expect(uow.store.current.refreshTokens.size).toBe(0);
  });

  it('rotation: each refresh token works once; a replay revokes the family, committed although the replay fails', async () => {
    await register.execute({ email: 'a@example.com', password: PW });
    const r1 = (await loginAs('a@example.com')).refreshToken;
    const r2 = (await refresh.execute({ refreshToken: r1 })).refreshToken;
    const r3 = (await refresh.execute({ refreshToken: r2 })).refreshToken;
    await expect(refresh.execute({ refreshToken: r1 })).rejects.toMatchObject({ code: 'auth.invalid_refresh_token' });
    await expect(refresh.execute({ refreshToken: r3 })).rejects.toMatchObject({ code: 'auth.invalid_refresh_token' });
  });

  it('an expired refresh token is refused; logout ends the family and an unknown token is refused', async () => {
    await register.execute({ email: 'a@example.com', password: PW });
    const old = (await loginAs('a@example.com')).refreshToken;
    clock.advance(3600 * 1000);
    await expect(refresh.execute({ refreshToken: old })).rejects.toMatchObject({ code: 'auth.invalid_refresh_token' });
    const r = (await loginAs('a@example.com')).refreshToken;
    const logOut = new LogOut({ uow, secrets, clock });
    await logOut.execute({ refreshToken: r });
    await expect(refresh.execute({ refreshToken: r })).rejects.toMatchObject({ code: 'auth.invalid_refresh_token' });
    await expect(logOut.execute({ refreshToken: 'unknown' })).rejects.toMatchObject({ code: 'auth.invalid_refresh_token' });
  });

  it('a password change ends sessions: earlier access tokens (same second included) and every refresh token; later logins work', async () => {
    const user = await register.execute({ email: 'a@example.com', password: PW });
    const before = await loginAs('a@example.com');
    clock.advance(400);
    const change = new ChangePassword({ uow, hasher: hasher(), clock });
    const actor = { userId: user.id, role: 'customer' as const };
    await expect(change.execute({ actor, currentPassword: 'wrong one!', newPassword: 'new password' })).rejects.toMatchObject({ code: 'auth.wrong_password' });
    await expect(authenticate.execute(before.accessToken)).resolves.toBeDefined();
    await change.execute({ actor, currentPassword: PW, newPassword: 'new password' });
    await expect(authenticate.execute(before.accessToken)).rejects.toMatchObject({ code: 'auth.invalid_token' });
    await expect(refresh.execute({ refreshToken: before.refreshToken })).rejects.toMatchObject({ code: 'auth.invalid_refresh_token' });
    clock.advance(1000);
    const after = await loginAs('a@example.com', 'new password');
    await expect(authenticate.execute(after.accessToken)).resolves.toBeDefined();
    expect(events().filter((e) => e.type === 'PasswordChanged')).toEqual([expect.objectContaining({ payload: { userId: user.id, email: 'a@example.com', how: 'changed' } })]);
  });

  it('a password change whose current password was replaced while it was hashing (a reset landed) is refused, and the reset stands', async () => {
    const user = await register.execute({ email: 'a@example.com', password: PW });
    const actor = { userId: user.id, role: 'customer' as const };
    const setByReset = 'reset by the owner';
    /** The slow hash of the new password: meanwhile the owner's reset (or another change) commits. */
    class ResetWhileHashing extends FakeHasher {
      override async hash(password: string) {
        await new ChangePassword({ uow, hasher: new FakeHasher(), clock }).execute({ actor, currentPassword: PW, newPassword: setByReset });
        return super.hash(password);
      }
    }
    clock.advance(1000);
    const stale = new ChangePassword({ uow, hasher: new ResetWhileHashing(), clock });
    await expect(stale.execute({ actor, currentPassword: PW, newPassword: 'the old password holder' })).rejects.toMatchObject({ code: 'auth.wrong_password' });
    clock.advance(1000);
    await expect(issue.execute({ email: 'a@example.com', password: 'the old password holder' })).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    await expect(loginAs('a@example.com', setByReset)).resolves.toBeDefined();
  });

  it('a login whose password check straddles a password change starts no session: the change ends every session, this one too', async () => {
    const user = await register.execute({ email: 'a@example.com', password: PW });
    const actor = { userId: user.id, role: 'customer' as const };
    clock.advance(1000);
    /** The slow verification of the old password: meanwhile the owner changes it (and so ends every session). */
    class ChangeWhileVerifying extends FakeHasher {
      override async verify(hash: string, password: string) {
        const ok = await super.verify(hash, password);
        await new ChangePassword({ uow, hasher: new FakeHasher(), clock }).execute({ actor, currentPassword: PW, newPassword: 'changed by the owner' });
        clock.advance(1000);
        return ok;
      }
    }
    const racing = new IssueToken({ tokens: new FakeTokens(clock), secrets, clock, ids: new SequenceIds('race'), refreshTtlSeconds: 3600, uow, hasher: new ChangeWhileVerifying() });
    // The password it checked is no longer the account's: the answer is the one a wrong password gets.
    await expect(racing.execute({ email: 'a@example.com', password: PW })).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    expect([...uow.store.current.refreshTokens.values()].filter((t) => String(t.familyId).startsWith('race'))).toEqual([]);
  });

  it('deactivation ends sessions; reactivation (admin only) does not bring them back', async () => {
    const user = await register.execute({ email: 'a@example.com', password: PW });
    const admin = { userId: 'root', role: 'admin' as const };
    const s = await loginAs('a@example.com');
    await new DeactivateUser({ uow, clock }).execute({ actor: admin, userId: user.id });
    const reactivate = new ReactivateUser({ uow, clock });
    await expect(reactivate.execute({ actor: { userId: user.id, role: 'customer' }, userId: user.id })).rejects.toMatchObject({ code: 'auth.forbidden' });
    clock.advance(5000);
    expect((await reactivate.execute({ actor: admin, userId: user.id })).isActive).toBe(true);
    await expect(authenticate.execute(s.accessToken)).rejects.toMatchObject({ code: 'auth.invalid_token' });
    await expect(refresh.execute({ refreshToken: s.refreshToken })).rejects.toMatchObject({ code: 'auth.invalid_refresh_token' });
    await expect(authenticate.execute((await loginAs('a@example.com')).accessToken)).resolves.toBeDefined();
  });

  /** Delivers the outbox from `from` on, as the dispatcher would; returns the mails sent. */
  const deliverFrom = async (from: number) => {
    const mailer = new InMemoryMailer();
    const deliver = new DeliverEvent({ uow, mailer, messageIdDomain: 'example.com', resetTokens: new ResetTokenIssuer({ uow, secrets, clock }) });
    for (const [i, event] of events().slice(from).entries()) await deliver.execute({ eventId: `e${from + i}`, event });
    return mailer.sent;
  };
  const tokenIn = (text: string) => /^Reset token: (\S+)$/m.exec(text)?.[1];

  it('password reset: the request only records it; only an active account gets a token, once, within the hour; a newer one voids it', async () => {
    const user = await register.execute({ email: 'a@example.com', password: PW });
    const request = new RequestPasswordReset({ uow, clock });
    const confirm = new ConfirmPasswordReset({ uow, hasher: hasher(), secrets, clock });
    const before = events().length;
    await request.execute({ email: 'nobody@example.com' });
    await request.execute({ email: 'A@EXAMPLE.com' });
    // Both requests did exactly the same thing: one event naming the address, no token yet.
    expect(events().slice(before).map((e) => e.payload)).toEqual([{ email: 'nobody@example.com' }, { email: 'A@EXAMPLE.com' }]);
    expect(uow.store.current.resetTokens.size).toBe(0);
    await expect(request.execute({ email: 'not-an-email' })).rejects.toMatchObject({ code: 'validation.invalid' });

    await request.execute({ email: 'a@example.com' });
    const sent = await deliverFrom(before);
    expect(sent.map((m) => m.to)).toEqual(['a@example.com', 'a@example.com']);
    const [older, newer] = sent.map((m) => tokenIn(m.text)!);
    expect([...uow.store.current.resetTokens.keys()].sort()).toEqual([secrets.hash(older!), secrets.hash(newer!)].sort());
    await expect(confirm.execute({ token: older!, newPassword: 'reset password' })).rejects.toMatchObject({ code: 'auth.invalid_reset_token', issues: [{ path: '/token' }] });
    await expect(confirm.execute({ token: newer!, newPassword: 'short' })).rejects.toMatchObject({ code: 'validation.invalid' });
    clock.advance(60 * 60 * 1000 - 1);
    await confirm.execute({ token: newer!, newPassword: 'reset password' });
    await expect(confirm.execute({ token: newer!, newPassword: 'other password' })).rejects.toMatchObject({ code: 'auth.invalid_reset_token' });
    clock.advance(1000);
    await expect(loginAs('a@example.com', 'reset password')).resolves.toBeDefined();

    const mark = events().length;
    await request.execute({ email: 'a@example.com' });
    const [late] = await deliverFrom(mark);
    clock.advance(60 * 60 * 1000);
    await expect(confirm.execute({ token: tokenIn(late!.text)!, newPassword: 'late password' })).rejects.toMatchObject({ code: 'auth.invalid_reset_token' });

    await new DeactivateUser({ uow, clock }).execute({ actor: { userId: user.id, role: 'customer' }, userId: user.id });
    const inactive = events().length;
    await request.execute({ email: 'a@example.com' });
    expect(await deliverFrom(inactive)).toEqual([]);
  });

  it('deactivation voids a pending reset token too: after reactivation the old email resets nothing', async () => {
    const user = await register.execute({ email: 'a@example.com', password: PW });
    const admin = { userId: 'root', role: 'admin' as const };
    const mark = events().length;
    await new RequestPasswordReset({ uow, clock }).execute({ email: 'a@example.com' });
    const token = tokenIn((await deliverFrom(mark))[0]!.text)!;
    await new DeactivateUser({ uow, clock }).execute({ actor: admin, userId: user.id });
    await new ReactivateUser({ uow, clock }).execute({ actor: admin, userId: user.id });
    const confirm = new ConfirmPasswordReset({ uow, hasher: hasher(), secrets, clock });
    await expect(confirm.execute({ token, newPassword: 'taken over password' })).rejects.toMatchObject({ code: 'auth.invalid_reset_token' });
    clock.advance(1000);
    await expect(loginAs('a@example.com')).resolves.toBeDefined();
  });

  it('list users: admins only; a bad role filter is a 422', async () => {
    const list = new ListUsers({ uow });
    await register.execute({ email: 'a@example.com', password: PW });
    await expect(list.execute({ actor: { userId: 'u', role: 'customer' } })).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(list.execute({ actor: { userId: 'r', role: 'admin' }, role: 'owner' })).rejects.toMatchObject({ code: 'validation.invalid' });
    expect((await list.execute({ actor: { userId: 'r', role: 'admin' }, q: 'A@EX' })).items.map((u) => u.email)).toEqual(['a@example.com']);
  });

  it('the emails: a reset carries the line "Reset token: <token>"; a change tells the owner their password was changed', async () => {
    const user = await register.execute({ email: 'a@example.com', password: PW });
    await new RequestPasswordReset({ uow, clock }).execute({ email: 'a@example.com' });
    await new ChangePassword({ uow, hasher: hasher(), clock }).execute({ actor: { userId: user.id, role: 'customer' }, currentPassword: PW, newPassword: 'new password' });
    const [, reset, changed] = await deliverFrom(0);
    const token = tokenIn(reset!.text)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(uow.store.current.resetTokens.has(secrets.hash(token))).toBe(true);
    expect(reset).toMatchObject({ to: 'a@example.com', subject: expect.stringMatching(/reset/i) });
    expect(reset!.text.split('\n')).toContain(`Reset token: ${token}`);
    expect(changed).toMatchObject({ to: 'a@example.com', subject: 'Your password was changed' });
    expect(changed!.text).toMatch(/password of your Orders account a@example\.com was changed/);
    expect(changed!.html).toContain('a@example.com');
  });
});
