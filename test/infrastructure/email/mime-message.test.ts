import fc from 'fast-check';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { addressOf, composeMime, quotedPrintable } from '../../../src/infrastructure/email/mime-message.js';
import { readMail } from '../../support/read-mail.js';

const message = {
  to: 'ada@example.com',
  subject: 'Your order is confirmed',
  text: 'Hello Ada,\nDarjeeling <first flush> × 2 at 12.50 USD = 25.00 USD\nTotal: 55.00 USD',
  html: '<p>Darjeeling &lt;first flush&gt; × 2</p>',
  messageId: '<0192f0c4-7d1e-7a3b-8c2d-1e2f3a4b5c6d@orders.localhost>',
};
const date = new Date('2026-11-24T15:20:31.000Z');
const FROM = 'Orders <no-reply@orders.localhost>';

/** The same message composed by nodemailer's MailComposer: what composeMime must read like (docs/adr/0020). */
const byNodemailer = (m: typeof message, from: string): Promise<Buffer> =>
  new MailComposer({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, date, newline: 'windows' }).compile().build();

/** What a reader sees of a message: mailparser's view, line ends aside. */
const seen = async (raw: Buffer | string) => {
  const mail = await readMail(raw);
  return {
    from: mail.fromMailbox,
    to: mail.to,
    subject: mail.subject,
    date: mail.date,
    messageId: mail.messageId,
    text: mail.text.replace(/\r\n/g, '\n').trimEnd(),
    html: mail.html.replace(/\r\n/g, '\n').trimEnd(),
  };
};

describe('composeMime (read back by mailparser)', () => {
  it('writes a 7-bit RFC 5322 message with text and HTML alternatives that reads exactly like nodemailer’s', async () => {
    const raw = composeMime(message, FROM, date).toString('latin1');
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/); // 7-bit only
    expect(raw.split('\r\n').every((line) => line.length <= 78)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(raw).toContain('Date: Tue, 24 Nov 2026 15:20:31 +0000\r\n');
    expect(raw).toContain('MIME-Version: 1.0\r\n');
    const mail = await readMail(raw);
    expect(mail).toMatchObject({ from: FROM, to: message.to, subject: message.subject, messageId: message.messageId, date });
    expect(mail.text.replace(/\r\n/g, '\n').trimEnd()).toBe(message.text);
    expect(mail.html.trimEnd()).toBe(message.html);
    expect(await seen(raw)).toEqual(await seen(await byNodemailer(message, FROM)));
  });

  it('encodes a non-ASCII subject and display name as RFC 2047 words, and quotes specials', async () => {
    const subject = 'Commande confirmée ✓ — merci beaucoup pour votre commande chez nous';
    const raw = composeMime({ ...message, subject }, 'Boutique Café <shop@example.com>', date).toString('latin1');
    const header = /^Subject: (.*(?:\r\n .*)*)$/m.exec(raw)?.[1] ?? '';
    const words = header.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
    const mail = await readMail(raw);
    expect(mail.subject).toBe(subject);
    expect(mail.fromMailbox).toEqual({ name: 'Boutique Café', address: 'shop@example.com' });
    expect(raw).toMatch(/^From: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <shop@example\.com>\r$/m);
    const specials = composeMime(message, 'Orders, Inc. <a@example.com>', date);
    expect(specials.toString('latin1')).toContain('From: "Orders, Inc." <a@example.com>\r\n');
    expect((await readMail(specials)).fromMailbox).toEqual({ name: 'Orders, Inc.', address: 'a@example.com' });
    expect(composeMime(message, 'a@example.com', date).toString('latin1')).toContain('From: a@example.com\r\n');
  });

  it('carries any text and HTML unchanged, as nodemailer’s composer does', async () => {
    // Any text, and text made of the characters quoted-printable treats specially.
    const tricky = fc.constantFrom('=', 'A', 'F', '0', '9', ' ', '\t', '\n', '\r', 'é', '✓', 'x', '.');
    const body = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: tricky, maxLength: 300 }));
    await fc.assert(
      fc.asyncProperty(body, body, async (text, html) => {
        const m = { ...message, text: `${text}.`, html: `<p>${html}</p>` };
        const ours = await seen(composeMime(m, FROM, date));
        expect(ours.text).toBe(m.text.replace(/\r\n|\r/g, '\n'));
        expect(ours.html).toBe(m.html.replace(/\r\n|\r/g, '\n'));
        // A lone CR is a line break to us, nothing to nodemailer: compare the rest.
        if (!/\r/.test(text + html)) expect(ours).toEqual(await seen(await byNodemailer(m, FROM)));
      }),
      { numRuns: 150 },
    );
  });

  it('addressOf gives the envelope address of a mailbox', () => {
    expect(addressOf('Orders <no-reply@orders.localhost>')).toBe('no-reply@orders.localhost');
    expect(addressOf(' a@example.com ')).toBe('a@example.com');
  });
});

describe('quotedPrintable', () => {
  it('writes lines of at most 76 printable characters with no trailing white space', () => {
    const tricky = fc.constantFrom('=', 'A', 'F', '0', '9', ' ', '\t', '\n', '\r', 'é', '✓', 'x');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: tricky, maxLength: 400 })), (text) => {
        for (const line of quotedPrintable(text).split('\r\n')) {
          expect(line.length).toBeLessThanOrEqual(76);
          expect(line).not.toMatch(/[ \t]$/);
          expect(line).toMatch(/^[\x21-\x7e \t]*$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps plain ASCII readable and escapes only what it must', () => {
    expect(quotedPrintable('Total: 55.00 USD')).toBe('Total: 55.00 USD');
    expect(quotedPrintable('a=b café \nend ')).toBe('a=3Db caf=C3=A9=20\r\nend=20');
  });
});
