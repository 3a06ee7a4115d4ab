import { describe, expect, it } from 'vitest';
import { PostgresOutboxNotifier } from '../../../../src/infrastructure/db/postgres/postgres-outbox-notifier.js';

/** A send that stays in flight until the test lets it finish. */
const controlledSend = () => {
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const send = () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  return { send, pending };
};
const flush = () => new Promise((r) => setImmediate(r));

describe('PostgresOutboxNotifier', () => {
  it('sends at once when nothing is in flight', async () => {
    const { send, pending } = controlledSend();
    const notifier = new PostgresOutboxNotifier(send, { warn: () => undefined });
    notifier.notify();
    expect(pending).toHaveLength(1);
    pending[0]?.resolve();
    await notifier.settled();
    notifier.notify();
    expect(pending).toHaveLength(2);
  });

  it('answers any number of requests made during a send with exactly one more, sent after it', async () => {
    const { send, pending } = controlledSend();
    const notifier = new PostgresOutboxNotifier(send, { warn: () => undefined });
    notifier.notify();
    for (let i = 0; i < 5; i++) notifier.notify();
    expect(pending).toHaveLength(1);
    pending[0]?.resolve();
    await flush();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve();
    await notifier.settled();
    expect(pending).toHaveLength(2);
  });

  it('a failed send is logged, not thrown, and a request made meanwhile is still sent', async () => {
    const { send, pending } = controlledSend();
    const warnings: string[] = [];
    const notifier = new PostgresOutboxNotifier(send, { warn: (_o, msg) => void warnings.push(msg) });
    notifier.notify();
    notifier.notify();
    pending[0]?.reject(new Error('connection lost'));
    await flush();
    expect(warnings).toHaveLength(1);
    expect(pending).toHaveLength(2);
    pending[1]?.resolve();
    await notifier.settled();
  });
});
