import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import type { MailMessage } from '../../application/ports/mailer.port.js';

/**
 * One email as nodemailer's message options: both mail sinks hand these to nodemailer's
 * MailComposer (the .eml file directly, SMTP through `sendMail`), so they carry the same
 * RFC 5322 / MIME message — a multipart/alternative with the text and HTML versions.
 */
export const mailOptions = (message: MailMessage, from: string, date: Date): MailComposerOptions => ({
  from,
  to: message.to,
  subject: message.subject,
  text: message.text,
  html: message.html,
  messageId: message.messageId,
  date,
  // Readable in a text editor and 7-bit safe, whatever the language of the text.
  textEncoding: 'quoted-printable',
  // CRLF line ends, as RFC 5322 requires (MailComposer keeps the body's own \n otherwise).
  newline: 'windows',
});

/** The message's bytes, as an .eml file or an SMTP DATA command carries them. */
export const composeMail = (message: MailMessage, from: string, date: Date): Promise<Buffer> =>
  new MailComposer(mailOptions(message, from, date)).compile().build();
