import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../../application/ports/mailer.port.js';
import { addressOf, composeMime } from './mime-message.js';

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
    // nodemailer only carries the message (composed once, like the .eml sink's) over SMTP.
    await this.transport.sendMail({
      envelope: { from: addressOf(this.from), to: [message.to] },
      raw: composeMime(message, this.from, new Date()),
    });
  }

  close(): void {
    this.transport.close();
  }
}
