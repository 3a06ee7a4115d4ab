import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../../application/ports/mailer.port.js';

/**
 * Sends through an SMTP server (`smtp://user:pass@host:587`, or `smtps://` for implicit
 * TLS). On smtp:// nodemailer upgrades with STARTTLS whenever the server offers it.
 * Short timeouts make a dead or stuck server fail fast: the outbox retries later, and
 * a batch must finish well within the dispatcher's lease.
 */
export class SmtpMailer implements Mailer {
  private readonly transport;

  constructor(smtpUrl: string, from: string) {
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
      { from },
    );
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
    });
  }

  close(): void {
    this.transport.close();
  }
}
