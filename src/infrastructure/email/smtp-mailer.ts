import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../../application/ports/mailer.port.js';
import { mailOptions } from './mail-composition.js';

/**
 * Sends through an SMTP server (`smtp://user:pass@host:587`, or `smtps://` for implicit
 * TLS). On smtp:// nodemailer upgrades with STARTTLS whenever the server offers it.
 * Short timeouts make a dead or stuck server fail fast: the outbox retries later, and
 * a batch must finish well within the dispatcher's lease.
 */
export class SmtpMailer implements Mailer {
  private readonly transport;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(
      {
        url: smtpUrl,
        // A few reused connections instead of one handshake per email.
        pool: true,
        maxConnections: 5,
        connectionTimeout: 5_000,
        greetingTimeout: 5_000,
        socketTimeout: 10_000,
      },
    );
  }

  async send(message: MailMessage): Promise<void> {
    // nodemailer composes it with MailComposer, as the .eml sink does; the envelope comes from From and To.
    await this.transport.sendMail(mailOptions(message, this.from, new Date()));
  }

  close(): void {
    this.transport.close();
  }
}
