// Files holding users' data or the signing key are readable by the service's user only.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compose, type Services } from '../../../src/composition-root.js';
import { loadConfig } from '../../../src/infrastructure/config/config.js';
import { EmlFileMailer } from '../../../src/infrastructure/email/eml-file-mailer.js';
import { FakeHasher } from '../../support/fakes.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('data directory and files are private (0700 directories, 0600 files)', () => {
  let services: Services | undefined;
  afterEach(async () => {
    await services?.close();
    services = undefined;
  });

  it('a first start creates the data directory 0700 and the SQLite database, its -wal and -shm, and the JWT secret 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'orders-perm-')), 'nested', 'data');
    services = await compose(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), { hasher: new FakeHasher() });
    await services.useCases.createAdmin.execute({ email: 'root@example.com', password: 'long enough' });

    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, '..'))).toBe(0o700);
    const files = readdirSync(dataDir).sort();
    expect(files).toEqual(expect.arrayContaining(['jwt-secret', 'orders.sqlite', 'orders.sqlite-shm', 'orders.sqlite-wal']));
    for (const file of files) expect([file, modeOf(join(dataDir, file))]).toEqual([file, 0o600]);
  });

  it('emails written as .eml files are 0600 in a 0700 directory', async () => {
    const mailDir = join(mkdtempSync(join(tmpdir(), 'orders-perm-')), 'mail');
    const mailer = new EmlFileMailer(mailDir, 'Orders <no-reply@example.com>');
    await mailer.send({ messageId: '<m1@example.com>', to: 'ada@example.com', subject: 'Hello', text: 'hi', html: '<p>hi</p>' });
    expect(modeOf(mailDir)).toBe(0o700);
    const [file] = readdirSync(mailDir);
    expect(file).toMatch(/\.eml$/);
    expect(modeOf(join(mailDir, file ?? ''))).toBe(0o600);
  });
});
