import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, MIN_JWT_SECRET_BYTES } from '../config/config.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** The kept secret, checked as strictly as JWT_SECRET itself: whoever can read it can mint any token. */
const readSecretFile = (file: string): string => {
  let mode: number;
  let secret: string;
  try {
    mode = statSync(file).mode;
    secret = readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new ConfigError('JWT_SECRET', `cannot read the generated secret ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if ((mode & 0o077) !== 0) {
    throw new ConfigError('JWT_SECRET', `the generated secret ${file} is readable by other users (mode ${octal(mode)}): chmod 600 it, or delete it to generate a new one`);
  }
  if (Buffer.byteLength(secret) < MIN_JWT_SECRET_BYTES) {
    throw new ConfigError('JWT_SECRET', `the generated secret ${file} holds fewer than ${MIN_JWT_SECRET_BYTES} bytes: delete it to generate a new one, or set JWT_SECRET`);
  }
  return secret;
};

/**
 * Outside production a missing JWT_SECRET is generated once and kept (mode 0600, in a 0700
 * directory) under the data directory, so tokens survive restarts on a developer's laptop.
 * Production refuses to start without one (see config).
 */
export const resolveJwtSecret = (configured: string | undefined, dataDir: string): string => {
  if (configured !== undefined) return configured;
  const file = join(dataDir, 'jwt-secret');
  makePrivateDir(dataDir);
  const secret = randomBytes(48).toString('base64url');
  try {
    // 'wx': of two processes starting at once, one writes the file and both then read it.
    writeFileSync(file, `${secret}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError('JWT_SECRET', `cannot write the generated secret ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return readSecretFile(file);
};
