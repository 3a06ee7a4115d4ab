import type { Mailer, MailMessage } from '../../application/ports/mailer.port.js';

/** Keeps sent messages in order; `failNext` makes the next sends throw, as a mail server outage would. */
export class InMemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  private failures = 0;

  failNext(times = 1): void {
    this.failures += times;
  }

  async send(message: MailMessage): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('mail server unavailable');
    }
    this.sent.push(message);
  }
}
