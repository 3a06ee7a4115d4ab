import { simpleParser } from 'mailparser';

/** What a mail client shows of a message, read by a real MIME parser (mailparser), not by anything of ours. */
export interface ReadMail {
  messageId: string;
  /** The From and To headers as sent (unfolded). */
  from: string;
  /** The From mailbox's display name (decoded) and address. */
  fromMailbox: { name: string; address: string };
  to: string;
  subject: string;
  date: Date | undefined;
  text: string;
  html: string;
  /** Header name (lower case) → its raw value as sent, unfolded. */
  headers: Map<string, string>;
}

export const readMail = async (raw: Buffer | string): Promise<ReadMail> => {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const headers = new Map(mail.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim()]));
  return {
    messageId: mail.messageId ?? '',
    from: headers.get('from') ?? '',
    fromMailbox: { name: mail.from?.value[0]?.name ?? '', address: mail.from?.value[0]?.address ?? '' },
    to: headers.get('to') ?? '',
    subject: mail.subject ?? '',
    date: mail.date,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    headers,
  };
};
