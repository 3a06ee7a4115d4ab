import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmlFileMailer, emlFileName } from '../../../src/infrastructure/email/eml-file-mailer.js';
import { SQLITE } from '../../support/databases.js';
import type { TestDatabase } from '../../support/postgres.js';
import { readMail } from '../../support/read-mail.js';
import { buildTestApp, type TestApp } from '../../support/test-app.js';

const until = async (done: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the .eml mail sink (no SMTP_URL, as with `npm start`)', () => {
  let db: TestDatabase;
  let t: TestApp;
  const mailDir = join(mkdtempSync(join(tmpdir(), 'orders-mail-')), 'mail');

  beforeAll(async () => {
    db = await SQLITE.create();
    t = await buildTestApp(db, { RUN_WORKER: 'true', MAIL_DIR: mailDir, OUTBOX_POLL_MS: '20' });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('turns a registration into a readable RFC 5322 .eml file named after its Message-ID', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/users', payload: { email: 'eml.reader@example.com', password: 'correct horse battery' } });
    expect(res.statusCode).toBe(201);
    await until(() => existsSync(mailDir) && readdirSync(mailDir).some((f) => f.endsWith('.eml')));

    const files = readdirSync(mailDir);
    expect(files).toHaveLength(1);
    const raw = readFileSync(join(mailDir, files[0] ?? ''), 'utf8');
    expect(raw).toMatch(/\r\n\r\n/);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const mail = await readMail(raw);
    expect(mail.to).toBe('eml.reader@example.com');
    expect(mail.from).toBe('Orders <no-reply@orders.localhost>');
    expect(mail.subject).toMatch(/welcome/i);
    expect(mail.text).toContain('eml.reader@example.com');
    expect(mail.html).toContain('<strong>eml.reader@example.com</strong>');
    expect(files[0]).toBe(emlFileName(mail.messageId));
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@orders\.localhost>$/);
  });

  it('a re-send of the same message replaces its file instead of adding one, leaving no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orders-mail-'));
    const mailer = new EmlFileMailer(dir, 'Shop <shop@example.com>');
    const message = { to: 'a@example.com', subject: 'Hi', text: 'first', html: '<p>first</p>', messageId: '<evt-1/x@example.com>' };
    await mailer.send(message);
    await mailer.send({ ...message, text: 'second' });
    expect(readdirSync(dir)).toEqual(['evt-1_x@example.com.eml']);
    expect((await readMail(readFileSync(join(dir, 'evt-1_x@example.com.eml')))).text).toContain('second');
  });
});
