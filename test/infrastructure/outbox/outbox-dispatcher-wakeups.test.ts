import { describe, expect, it } from 'vitest';
import type { OutboxQueue } from '../../../src/application/ports/outbox-queue.port.js';
import { OutboxDispatcher, type WakeUps } from '../../../src/infrastructure/outbox/outbox-dispatcher.js';
import { TestClock } from '../../support/use-case-harness.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A queue with nothing due, ever, whose claims take a few ms (a round trip); counts its claims and next-due look-ups. */
const emptyQueue = () => {
  const calls = { claims: 0, nextDue: 0 };
  const queue: OutboxQueue = {
    claim: async () => {
      calls.claims++;
      await sleep(5);
      return [];
    },
    complete: async () => undefined,
    fail: async () => undefined,
    nextDueAt: async () => (calls.nextDue++, null),
  };
  return { queue, calls };
};

/** Wake-ups the test fires by hand. */
const manualWakeUps = () => {
  let wake: () => void = () => undefined;
  const wakeUps: WakeUps & { fire(): void } = {
    listening: true,
    start: (w) => void (wake = w),
    stop: async () => undefined,
    fire: () => wake(),
  };
  return wakeUps;
};

const dispatcherOver = (queue: OutboxQueue, wakeUps: WakeUps, busy: boolean, pollMs: number) =>
  new OutboxDispatcher({
    queue,
    deliver: async () => undefined,
    clock: new TestClock(),
    logger: silent,
    options: { batchSize: 10, leaseMs: 30_000, maxAttempts: 3, pollMs, safetyPollMs: 600_000, retry: { baseMs: 1_000, maxMs: 60_000 }, load: { busy: () => busy } },
    wakeUps,
  });

describe('OutboxDispatcher with wake-ups (PostgreSQL LISTEN)', () => {
  it('sleeps without querying until a signal, then claims at once', async () => {
    const { queue, calls } = emptyQueue();
    const wakeUps = manualWakeUps();
    const dispatcher = dispatcherOver(queue, wakeUps, false, 5);
    dispatcher.start();
    try {
      await expect.poll(() => calls.nextDue).toBe(1);
      await sleep(100);
      // With a 5 ms poll interval, polling would have claimed ~20 times by now.
      expect(calls).toEqual({ claims: 1, nextDue: 1 });
      wakeUps.fire();
      await expect.poll(() => calls.claims).toBe(2);
    } finally {
      await dispatcher.stop();
    }
  });

  it('under load gathers a stream of signals into one claim per poll interval', async () => {
    const { queue, calls } = emptyQueue();
    const wakeUps = manualWakeUps();
    const dispatcher = dispatcherOver(queue, wakeUps, true, 100);
    const storm = setInterval(() => wakeUps.fire(), 2);
    dispatcher.start();
    try {
      await sleep(350);
    } finally {
      clearInterval(storm);
      await dispatcher.stop();
    }
    // ~175 signals, some during each claim; one claim at the start and at most one per 100 ms after it.
    expect(calls.claims).toBeGreaterThanOrEqual(2);
    expect(calls.claims).toBeLessThanOrEqual(5);
  });

  it('polls as before while its listener is not listening', async () => {
    const { queue, calls } = emptyQueue();
    const wakeUps = { ...manualWakeUps(), listening: false };
    const dispatcher = dispatcherOver(queue, wakeUps, false, 10);
    dispatcher.start();
    try {
      await expect.poll(() => calls.claims, { timeout: 2_000 }).toBeGreaterThanOrEqual(5);
      expect(calls.nextDue).toBe(0);
    } finally {
      await dispatcher.stop();
    }
  });
});
