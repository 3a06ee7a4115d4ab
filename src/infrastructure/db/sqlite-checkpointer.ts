import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a background thread.
 *
 * In WAL mode every commit appends pages to the -wal file, and SQLite's automatic checkpoint
 * copies them back into the database file — inside whichever COMMIT crosses the threshold
 * (1,000 pages), on the event loop, with two fsyncs. Under write load that was ~10 % of the
 * server's CPU and a multi-millisecond stall every few dozen orders (profiling). Here a worker
 * thread with its own connection runs a PASSIVE checkpoint every `intervalMs` (PASSIVE never
 * waits for, nor blocks, readers and writers), so the event loop only appends to the WAL, and
 * a bigger WAL between checkpoints lets hot pages be copied once instead of many times. The
 * main connection keeps a high `wal_autocheckpoint` as a safety net should this thread stop.
 *
 * The worker is a few lines of plain JavaScript (eval), so it runs the same from dist/ and
 * under the test runner; it loads the better-sqlite3 the app itself resolved.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
let timer;
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
};
const tick = () => {
  checkpoint();
  timer = setTimeout(tick, workerData.intervalMs);
};
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface SqliteCheckpointer {
  /** Runs a last checkpoint and ends the thread (waits at most a few seconds). */
  stop(): Promise<void>;
}

export const startSqliteCheckpointer = (
  file: string,
  options: { intervalMs: number; onError?: (message: string) => void },
): SqliteCheckpointer => {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs } });
  // Never keeps the process alive by itself.
  worker.unref();
  worker.on('message', (m: { error?: string }) => {
    if (m.error) options.onError?.(m.error);
  });
  worker.on('error', (e) => options.onError?.(e.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Waiting for the thread must keep the process alive, or a script's top-level await ends in exit code 13.
      worker.ref();
      worker.postMessage('stop');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 5_000, 'timeout').unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') await worker.terminate();
    },
  };
};
