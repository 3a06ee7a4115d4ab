/** One rendered email. `messageId` is stable per event, so a re-send is recognisable as the same message. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
}

/** Hands a message to a mail transport; resolves once the transport accepted it, throws otherwise. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
