import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Files and directories only the service's own user may read: the data directory, the SQLite
 * database (and so its -wal/-shm, which SQLite creates with the database file's mode), the
 * generated JWT secret, emails written as .eml files, backups.
 * Only what is created here gets these modes; an existing path keeps the one its owner chose.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` and any missing parents with mode 0700. */
export const makePrivateDir = (dir: string): void => {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
};

/** Creates `file` empty with mode 0600 (its directory 0700) unless it exists; an existing file is left as it is. */
export const ensurePrivateFile = (file: string): void => {
  makePrivateDir(dirname(file));
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
};
