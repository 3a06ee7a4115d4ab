import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/infrastructure/config/config.js';
import { resolveJwtSecret } from '../../../src/infrastructure/security/jwt-secret.js';

const dataDirWith = (content: string | undefined, mode = 0o600) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-secret-'));
  if (content !== undefined) {
    writeFileSync(join(dataDir, 'jwt-secret'), content, { mode });
    chmodSync(join(dataDir, 'jwt-secret'), mode);
  }
  return dataDir;
};

const configError = (dataDir: string): ConfigError => {
  try {
    resolveJwtSecret(undefined, dataDir);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

const GOOD = 'k'.repeat(64);

describe('the generated JWT secret file', () => {
  it('a configured JWT_SECRET wins and no file is read', () => {
    expect(resolveJwtSecret('configured-secret-configured-secret-0', dataDirWith('x', 0o644))).toBe('configured-secret-configured-secret-0');
  });

  it('is generated once, 64 characters, mode 0600, then read back', () => {
    const dataDir = join(dataDirWith(undefined), 'data');
    const secret = resolveJwtSecret(undefined, dataDir);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim()).toBe(secret);
    expect(resolveJwtSecret(undefined, dataDir)).toBe(secret);
  });

  it('a private file of 32 bytes or more is used', () => {
    expect(resolveJwtSecret(undefined, dataDirWith(`${GOOD}\n`))).toBe(GOOD);
  });

  it.each([
    ['holding "x"', 'x', /fewer than 32 bytes/],
    ['empty', '', /fewer than 32 bytes/],
    ['of whitespace', '   \n', /fewer than 32 bytes/],
    ['of 31 bytes', 'k'.repeat(31), /fewer than 32 bytes/],
  ])('a file %s is refused like a short JWT_SECRET', (_, content, reason) => {
    const error = configError(dataDirWith(content));
    expect(error.variable).toBe('JWT_SECRET');
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain('\n');
  });

  it.each([0o644, 0o640, 0o604, 0o660])('a file with mode 0%o (readable or writable by others) is refused, however long', (mode) => {
    const error = configError(dataDirWith(GOOD, mode));
    expect(error.variable).toBe('JWT_SECRET');
    expect(error.message).toMatch(/readable by other users .*chmod 600/);
  });
});
