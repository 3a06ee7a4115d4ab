import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodicJob } from '../../../src/infrastructure/scheduling/periodic-job.js';

const logger = () => ({ info: vi.fn(), error: vi.fn() });

describe('PeriodicJob', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at start, then once per interval after each run ends', async () => {
    const task = vi.fn(async () => 1);
    const job = new PeriodicJob('t', 1_000, task, logger());
    job.start();
    job.start(); // idempotent
    await vi.advanceTimersByTimeAsync(0);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(task).toHaveBeenCalledTimes(5);
    await job.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(task).toHaveBeenCalledTimes(5);
  });

  it('never overlaps a slow run, and stop() waits for the run in progress', async () => {
    let finish: () => void = () => undefined;
    let finished = false;
    const task = vi.fn(() => new Promise<void>((resolve) => (finish = () => ((finished = true), resolve()))));
    const job = new PeriodicJob('t', 1_000, task, logger());
    job.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(task).toHaveBeenCalledTimes(1);
    const stopped = job.stop();
    finish();
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('a failing run is logged and the schedule goes on', async () => {
    const log = logger();
    const task = vi.fn().mockRejectedValueOnce(new Error('database away')).mockResolvedValue(0);
    const job = new PeriodicJob('purge', 1_000, task, log);
    job.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ job: 'purge', err: expect.any(Error) }), 'periodic job failed');
    expect(task).toHaveBeenCalledTimes(2);
    await job.stop();
  });
});
