import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeMail } from '../../../src/infrastructure/email/mail-composition.js';
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

describe('composeMail (nodemailer MailComposer, both mail sinks)', () => {
  it('writes a 7-bit RFC 5322 message a mail parser reads back: headers, text and HTML alternatives', async () => {
    const raw = (await composeMail(message, FROM, date)).toString('latin1');
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(raw.split('\r\n').every((line) => line.length <= 78)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(raw).toMatch(/^MIME-Version: 1\.0\r$/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    const mail = await readMail(raw);
    expect(mail).toMatchObject({ from: FROM, to: message.to, subject: message.subject, messageId: message.messageId, date });
    expect(mail.text.replace(/\r\n/g, '\n').trimEnd()).toBe(message.text);
    expect(mail.html.trimEnd()).toBe(message.html);
  });

  it('encodes a non-ASCII subject and display name so that they read back unchanged, and quotes specials', async () => {
    const subject = 'Commande confirmée ✓ — merci beaucoup pour votre commande chez nous';
    const raw = (await composeMail({ ...message, subject }, 'Boutique Café <shop@example.com>', date)).toString('latin1');
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    const mail = await readMail(raw);
    expect(mail.subject).toBe(subject);
    expect(mail.fromMailbox).toEqual({ name: 'Boutique Café', address: 'shop@example.com' });
    const specials = await composeMail(message, 'Orders, Inc. <a@example.com>', date);
    expect(specials.toString('latin1')).toContain('From: "Orders, Inc." <a@example.com>\r\n');
    expect((await readMail(specials)).fromMailbox).toEqual({ name: 'Orders, Inc.', address: 'a@example.com' });
    expect((await readMail(await composeMail(message, 'a@example.com', date))).fromMailbox).toEqual({ name: '', address: 'a@example.com' });
  });

  it('carries any text and HTML body unchanged, in lines of at most 78 characters', async () => {
    // Any text, and text made of the characters quoted-printable treats specially.
    const tricky = fc.constantFrom('=', 'A', 'F', '0', '9', ' ', '\t', '\n', 'é', '✓', 'x', '.');
    const body = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: tricky, maxLength: 300 }));
    await fc.assert(
      fc.asyncProperty(body, body, async (text, html) => {
        const raw = await composeMail({ ...message, text: `${text}.`, html: `<p>${html}</p>` }, FROM, date);
        for (const line of raw.toString('latin1').split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
        const mail = await readMail(raw);
        expect(mail.text.replace(/\r\n/g, '\n')).toBe(`${text}.`.replace(/\r\n|\r/g, '\n'));
        expect(mail.html.replace(/\r\n/g, '\n')).toBe(`<p>${html}</p>`.replace(/\r\n|\r/g, '\n'));
      }),
      { numRuns: 150 },
    );
  });
});
