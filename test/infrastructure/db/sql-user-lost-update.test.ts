import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../../src/application/ports/unit-of-work.port.js';
import { Email } from '../../../src/domain/users/email.value-object.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { onlyOn, sqlTargets } from '../../support/databases.js';
import { aUser } from '../../support/mothers/user.mother.js';
import type { TestDatabase } from '../../support/postgres.js';

const T1 = new Date('2030-01-01T00:00:01.000Z');

/**
 * A user's save must not write back what another transaction changed since this one loaded its
 * copy: under READ COMMITTED a PATCH /users/me racing a password change (or a deactivation)
 * would otherwise restore the old password hash and revive the sessions it ended.
 */
describe.each(sqlTargets)('SQL user repository: no lost updates on $name', (target) => {
  let created: TestDatabase;
  let database: Database;
  let uow: UnitOfWork;

  beforeEach(async () => {
    created = await target.create();
    database = openDatabase(created.url);
    await migrateToLatest(database);
    uow = new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator()), database.reader);
  });
  afterEach(async () => {
    await database.close();
    await created.drop();
  });

  it("an email change writes only the email: a password change made since its load stays (and its ended sessions stay ended)", async () => {
    const user = aUser().build();
    await uow.run((tx) => tx.users.insert(user));
    await uow.run(async (tx) => {
      const emailCopy = (await tx.users.findById(user.id))!;
      // Another writer changes the row after this copy was loaded (on PostgreSQL, another transaction can).
      const other = (await tx.users.findById(user.id))!;
      other.changePassword('$argon2id$new-hash', T1, 'changed');
      await tx.users.update(other);
      emailCopy.changeEmail(Email.parse('renamed@example.com'), T1);
      await tx.users.update(emailCopy);
    });
    const stored = (await uow.read((tx) => tx.users.findById(user.id)))!;
    expect(stored.email.value).toBe('renamed@example.com');
    expect(stored.passwordHash).toBe('$argon2id$new-hash');
    expect(stored.sessionsValidAfter?.toISOString()).toBe(T1.toISOString());
  });

  onlyOn(target, 'postgres')('two transactions: a deactivation committed between the load and the save of an email change stays', async () => {
    const user = aUser().build();
    await uow.run((tx) => tx.users.insert(user));
    let loaded!: () => void;
    const wasLoaded = new Promise<void>((r) => (loaded = r));
    let proceed!: () => void;
    const mayProceed = new Promise<void>((r) => (proceed = r));
    const emailChange = uow.run(async (tx) => {
      const copy = (await tx.users.findById(user.id))!;
      loaded();
      await mayProceed;
      copy.changeEmail(Email.parse('renamed@example.com'), T1);
      await tx.users.update(copy);
    });
    await wasLoaded;
    await uow.run(async (tx) => {
      const u = (await tx.users.findById(user.id))!;
      u.deactivate(T1);
      await tx.users.update(u);
    });
    proceed();
    await emailChange;
    const stored = (await uow.read((tx) => tx.users.findById(user.id)))!;
    expect(stored.email.value).toBe('renamed@example.com');
    expect(stored.isActive).toBe(false);
    expect(stored.acceptsSessionStartedAt(new Date('2029-12-31T00:00:00.000Z'))).toBe(false);
  });
});
