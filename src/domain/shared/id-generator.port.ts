/** Ids come from a port (UUIDv7 in production, a sequence in tests). */
export interface IdGenerator {
  next(): string;
}
