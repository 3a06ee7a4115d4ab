import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer, MailMessage } from '../../application/ports/mailer.port.js';
import { composeMime } from './mime-message.js';

/** `<id@host>` → `id@host.eml`: one file per Message-ID, so a re-send replaces rather than duplicates. */
export const emlFileName = (messageId: string): string =>
  `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_')}.eml`;

/**
 * The development mail sink (no SMTP_URL): each email becomes an RFC 5322 `.eml` file
 * that any mail client opens — the same bytes the SMTP mailer would send (mime-message.ts).
 */
export class EmlFileMailer implements Mailer {
  /** The directory is made once, not before every message (a thread-pool round trip each). */
  private dirMade: Promise<unknown> | null = null;

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const bytes = composeMime(message, this.from, new Date());
    await this.ensureDir();
    const file = join(this.dir, emlFileName(message.messageId));
    // Write then rename: a reader never sees half a message, even if the process dies mid-write.
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes);
    } catch (e) {
      // The directory was removed (or its creation failed) meanwhile: make it again, once.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.dirMade = null;
      await this.ensureDir();
      await writeFile(temp, bytes);
    }
    await rename(temp, file);
  }

  private async ensureDir(): Promise<void> {
    // A failed attempt is forgotten, so the next message tries again.
    this.dirMade ??= mkdir(this.dir, { recursive: true }).catch((e: unknown) => {
      this.dirMade = null;
      throw e;
    });
    await this.dirMade;
  }
}
