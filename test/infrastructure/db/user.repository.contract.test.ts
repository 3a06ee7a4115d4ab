import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { Email } from '../../../src/domain/users/email.value-object.js';
import { aUser } from '../../support/mothers/user.mother.js';
import { uowTargets } from '../../support/unit-of-work-targets.js';

/** One contract, run unchanged against every adapter of UserRepository and UnitOfWork. */
describe.each(uowTargets)('UserRepository + UnitOfWork contract on $name', (target) => {
  let uow: UnitOfWork;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ uow, close } = await target.open());
  });
  afterEach(async () => close());

  it('stores a user and finds it by id and by email, case-insensitively', async () => {
    const user = aUser().withEmail('Mixed.Case@Example.com').build();
    await uow.run((tx) => tx.users.insert(user));
    const byId = await uow.read((tx) => tx.users.findById(user.id));
    expect(byId?.email.value).toBe('Mixed.Case@Example.com');
    expect(byId?.isActive).toBe(true);
    expect(byId?.role).toBe('customer');
    expect(byId?.createdAt.toISOString()).toBe(user.createdAt.toISOString());
    const byEmail = await uow.read((tx) => tx.users.findByEmail(Email.parse('mixed.case@EXAMPLE.com')));
    expect(byEmail?.id).toBe(user.id);
    expect(await uow.read((tx) => tx.users.findById('missing'))).toBeNull();
  });

  it('refuses a second user with the same email in any case (user.email_taken)', async () => {
    await uow.run((tx) => tx.users.insert(aUser().withEmail('dup@example.com').build()));
    const err = await uow.run((tx) => tx.users.insert(aUser().withEmail('DUP@example.com').build())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('user.email_taken');
  });

  it('updates email and active flag; an update onto a taken email is refused', async () => {
    const a = aUser().build();
    const b = aUser().build();
    await uow.run(async (tx) => {
      await tx.users.insert(a);
      await tx.users.insert(b);
    });
    a.changeEmail(Email.parse('new@example.com'), new Date('2025-02-01T00:00:00Z'));
    a.deactivate(new Date('2025-02-01T00:00:00Z'));
    await uow.run((tx) => tx.users.update(a));
    const reloaded = await uow.read((tx) => tx.users.findById(a.id));
    expect(reloaded?.email.value).toBe('new@example.com');
    expect(reloaded?.isActive).toBe(false);
    b.changeEmail(Email.parse('NEW@example.com'), new Date());
    await expect(uow.run((tx) => tx.users.update(b))).rejects.toMatchObject({ code: 'user.email_taken' });
  });

  it('rolls back everything when the work throws, and commits once when it resolves', async () => {
    const user = aUser().build();
    await expect(
      uow.run(async (tx) => {
        await tx.users.insert(user);
        await tx.outbox.add([{ type: 'UserRegistered', aggregateId: user.id, occurredAt: new Date(), payload: {} }]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await uow.read((tx) => tx.users.findById(user.id))).toBeNull();
    await uow.run((tx) => tx.users.insert(user));
    expect(await uow.read((tx) => tx.users.findById(user.id))).not.toBeNull();
  });
});
