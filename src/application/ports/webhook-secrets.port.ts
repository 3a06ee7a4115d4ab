/**
 * Webhook signing secrets: made from random bytes, stored only sealed (encrypted), opened by
 * the delivery worker to sign. The plain secret leaves the service once, in the 201 that created it.
 */
export interface WebhookSecrets {
  /** `whsec_` + base64 of 32 random bytes (the Standard Webhooks format). */
  generate(): string;
  /** The secret encrypted for storage. */
  seal(secret: string): string;
  /** The secret a `seal` made; throws for anything else (tampered, or sealed under another key). */
  open(sealed: string): string;
}
