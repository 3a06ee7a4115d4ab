/** Opaque bearer secrets (refresh and reset tokens): random, and stored only as their hash. */
export interface SecretTokens {
  /** A new random token, at least 256 bits, URL-safe. */
  generate(): string;
  /** A deterministic hash to store and look the token up by; a fast hash suffices for high-entropy tokens. */
  hash(token: string): string;
}
