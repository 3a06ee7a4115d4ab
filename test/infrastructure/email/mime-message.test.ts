import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressOf, composeMime, quotedPrintable } from '../../../src/infrastructure/email/mime-message.js';
import { decodeQuotedPrintable, parseMail } from '../../support/mail-message.js';

const message = {
  to: 'ada@example.com',
  subject: 'Your order is confirmed',
  text: 'Hello Ada,\nDarjeeling <first flush> × 2 at 12.50 USD = 25.00 USD\nTotal: 55.00 USD',
  html: '<p>Darjeeling &lt;first flush&gt; × 2</p>',
  messageId: '<0192f0c4-7d1e-7a3b-8c2d-1e2f3a4b5c6d@orders.localhost>',
};
const date = new Date('2026-11-24T15:20:31.000Z');

describe('composeMime', () => {
  it('writes an RFC 5322 message any reader parses back: headers, text and HTML alternatives', () => {
    const raw = composeMime(message, 'Orders <no-reply@orders.localhost>', date).toString('latin1');
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/); // 7-bit only
    expect(raw.split('\r\n').every((line) => line.length <= 78)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(raw).toContain('Date: Tue, 24 Nov 2026 15:20:31 +0000\r\n');
    expect(raw).toContain('MIME-Version: 1.0\r\n');
    const mail = parseMail(raw);
    expect(mail).toMatchObject({ from: 'Orders <no-reply@orders.localhost>', to: message.to, subject: message.subject, messageId: message.messageId });
    // The CRLF before a boundary belongs to the boundary (RFC 2046); the test parser keeps it.
    expect(mail.text.replace(/\r\n$/, '')).toBe(message.text.replace(/\n/g, '\r\n'));
    expect(mail.html.replace(/\r\n$/, '')).toBe(message.html);
  });

  it('encodes a non-ASCII subject and display name as RFC 2047 words, and quotes specials', () => {
    const raw = composeMime({ ...message, subject: 'Commande confirmée ✓ — merci beaucoup pour votre commande chez nous' }, 'Boutique Café <shop@example.com>', date).toString('latin1');
    const subject = /^Subject: (.*(?:\r\n .*)*)$/m.exec(raw)?.[1] ?? '';
    const words = subject.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
    const decoded = words.map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)?.[1] ?? '', 'base64').toString('utf8')).join('');
    expect(decoded).toBe('Commande confirmée ✓ — merci beaucoup pour votre commande chez nous');
    expect(raw).toMatch(/^From: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <shop@example\.com>\r$/m);
    expect(composeMime(message, 'Orders, Inc. <a@example.com>', date).toString('latin1')).toContain('From: "Orders, Inc." <a@example.com>\r\n');
    expect(composeMime(message, 'a@example.com', date).toString('latin1')).toContain('From: a@example.com\r\n');
  });

  it('addressOf gives the envelope address of a mailbox', () => {
    expect(addressOf('Orders <no-reply@orders.localhost>')).toBe('no-reply@orders.localhost');
    expect(addressOf(' a@example.com ')).toBe('a@example.com');
  });
});

describe('quotedPrintable', () => {
  it('round-trips any text, with lines of at most 76 characters and no trailing white space', () => {
    // Any text, and text made of the characters quoted-printable treats specially.
    const tricky = fc.constantFrom('=', 'A', 'F', '0', '9', ' ', '\t', '\n', '\r', 'é', '✓', 'x');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: tricky, maxLength: 400 })), (text) => {
        const encoded = quotedPrintable(text);
        for (const line of encoded.split('\r\n')) {
          expect(line.length).toBeLessThanOrEqual(76);
          expect(line).not.toMatch(/[ \t]$/);
          expect(line).toMatch(/^[\x21-\x7e \t]*$/);
        }
        expect(decodeQuotedPrintable(encoded)).toBe(text.replace(/\r\n|\r|\n/g, '\r\n'));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps plain ASCII readable and escapes only what it must', () => {
    expect(quotedPrintable('Total: 55.00 USD')).toBe('Total: 55.00 USD');
    expect(quotedPrintable('a=b café \nend ')).toBe('a=3Db caf=C3=A9=20\r\nend=20');
  });
});
