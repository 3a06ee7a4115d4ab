import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverEvent } from '../../../src/application/notifications/deliver-event.use-case.js';
import type { Mailer, MailMessage } from '../../../src/application/ports/mailer.port.js';
import type { DomainEvent } from '../../../src/domain/shared/domain-event.js';
import { openDatabase, type Database } from '../../../src/infrastructure/db/database.js';
import { KyselyUnitOfWork } from '../../../src/infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from '../../../src/infrastructure/db/migrate.js';
import { outboxStats } from '../../../src/infrastructure/db/repositories/sql-outbox-admin.js';
import { SqlOutboxQueue } from '../../../src/infrastructure/db/repositories/sql-outbox-queue.js';
import { sqlRepositories } from '../../../src/infrastructure/db/sql-repositories.js';
import { OutboxDispatcher } from '../../../src/infrastructure/outbox/outbox-dispatcher.js';
import { SystemClock } from '../../../src/infrastructure/system/system-clock.js';
import { UuidV7IdGenerator } from '../../../src/infrastructure/system/uuid-v7-id-generator.js';
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from '../../support/postgres.js';

const EVENTS = 200;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

type Sent = { by: string; message: MailMessage };

/** Records which dispatcher sent what; a couple of milliseconds per message, like a fast relay. */
class RecordingMailer implements Mailer {
  constructor(
    private readonly by: string,
    private readonly log: Sent[],
  ) {}
  async send(message: MailMessage): Promise<void> {
    await new Promise((r) => setTimeout(r, 2));
    this.log.push({ by: this.by, message });
  }
}

describe.skipIf(!postgresAvailable)('two dispatchers on one PostgreSQL database', () => {
  let created: TestDatabase;
  const pools: Database[] = [];

  beforeAll(async () => {
    created = await createPostgresDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await created.drop();
  });

  it(`deliver each of ${EVENTS} events exactly once between them`, async () => {
    const clock = new SystemClock();
    const seed = openDatabase(created.url);
    pools.push(seed);
    await migrateToLatest(seed);
    const events: DomainEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
      type: 'UserRegistered',
      occurredAt: clock.now(),
      aggregateId: `user-${i}`,
      payload: { userId: `user-${i}`, email: `user${i}@example.com` },
    }));
    await new KyselyUnitOfWork(seed.db, sqlRepositories(new UuidV7IdGenerator())).run((tx) => tx.outbox.add(events));

    const sent: Sent[] = [];
    const dispatchers = ['a', 'b'].map((name) => {
      // Each dispatcher has its own connection pool, as a separate process would.
      const database = openDatabase(created.url, { poolSize: 3 });
      pools.push(database);
      const uow = new KyselyUnitOfWork(database.db, sqlRepositories(new UuidV7IdGenerator()));
      const deliver = new DeliverEvent({ uow, mailer: new RecordingMailer(name, sent), messageIdDomain: 'orders.localhost' });
      return new OutboxDispatcher({
        queue: new SqlOutboxQueue(database.db, database.dialect, clock),
        deliver: (entry) => deliver.execute({ eventId: entry.id, event: entry.event }),
        clock,
        logger: silent,
        options: { batchSize: 10, leaseMs: 30_000, maxAttempts: 10, pollMs: 20, retry: { baseMs: 1_000, maxMs: 60_000 } },
      });
    });

    const started = performance.now();
    dispatchers.forEach((d) => d.start());
    const deadline = Date.now() + 20_000;
    while ((await outboxStats(seed.db)).done < EVENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const elapsed = performance.now() - started;
    await Promise.all(dispatchers.map((d) => d.stop()));

    const ids = sent.map((s) => s.message.messageId);
    const byA = sent.filter((s) => s.by === 'a').length;
    console.info(`[two dispatchers] events=${EVENTS} deliveries=${sent.length} duplicates=${sent.length - new Set(ids).size} a=${byA} b=${sent.length - byA} in ${Math.round(elapsed)} ms`);
    expect(sent).toHaveLength(EVENTS);
    expect(new Set(ids).size).toBe(EVENTS);
    expect(new Set(sent.map((s) => s.message.to))).toEqual(new Set(events.map((e) => e.payload.email)));
    // Both took part, and no row was ever claimed twice.
    expect(byA).toBeGreaterThan(0);
    expect(sent.length - byA).toBeGreaterThan(0);
    const attempts = await seed.db.selectFrom('outbox').select('attempts').distinct().execute();
    expect(attempts).toEqual([{ attempts: 1 }]);
  });
});
