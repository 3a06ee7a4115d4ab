import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { WebhookSecrets } from '../../application/ports/webhook-secrets.port.js';

const SECRET_PREFIX = 'whsec_';
const SEALED_PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// HKDF's context: a key derived for this purpose is useless for any other (docs/adr/0140-webhook-secrets-and-delivery.md).
const HKDF_SALT = 'orders-service/webhook-secrets';
const HKDF_INFO = 'aes-256-gcm v1';

/**
 * Signing secrets sealed with AES-256-GCM under a key derived (HKDF-SHA256) from
 * WEBHOOK_SECRET_KEY, or from the JWT secret when that is unset. Stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url): a database dump alone does not let anyone sign.
 */
export class AesGcmWebhookSecrets implements WebhookSecrets {
  private readonly key: Buffer;

  constructor(keyMaterial: string) {
    this.key = Buffer.from(hkdfSync('sha256', keyMaterial, HKDF_SALT, HKDF_INFO, 32));
  }

  generate(): string {
    return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
  }

  seal(secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${SEALED_PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join('.')}`;
  }

  open(sealed: string): string {
    const parts = sealed.startsWith(SEALED_PREFIX) ? sealed.slice(SEALED_PREFIX.length).split('.') : [];
    if (parts.length !== 3) throw new Error('not a sealed webhook secret');
    const [iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    // A wrong key (WEBHOOK_SECRET_KEY or JWT_SECRET changed) fails here, in GCM's tag check.
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }
}
