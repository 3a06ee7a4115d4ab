import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { PRIVATE_FILE_MODE } from '../security/private-files.js';

/** A backup that cannot be taken as asked (no database, target already there); the message is for the operator. */
export class BackupRefused extends Error {
  override readonly name = 'BackupRefused';
}

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API (better-sqlite3's
 * `backup()`), safe while the server writes: the copy is taken in one step, under one read
 * transaction, so it is the database as of one commit (in WAL mode the writer never waits for it).
 * The target is created 0600 and never overwritten; a failed copy leaves no file behind.
 */
export const backupSqlite = async (source: string, target: string): Promise<{ pages: number }> => {
  if (!existsSync(source)) throw new BackupRefused(`no database at ${source}`);
  try {
    closeSync(openSync(target, 'wx', PRIVATE_FILE_MODE));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new BackupRefused(`${target} already exists: choose a new file`);
    if (code === 'ENOENT') throw new BackupRefused(`the directory of ${target} does not exist`);
    throw new BackupRefused(`cannot create ${target} (${code ?? 'error'})`);
  }
  const db = new BetterSqlite3(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // All pages in one step: a step-by-step copy restarts whenever the server commits in between.
    const { totalPages } = await db.backup(target, { progress: () => 0x7fffffff });
    return { pages: totalPages };
  } catch (e) {
    rmSync(target, { force: true });
    throw e;
  } finally {
    db.close();
  }
};
