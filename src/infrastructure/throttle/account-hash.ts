import { createHash } from 'node:crypto';

/**
 * The key an account's attempts are counted under: the email as the domain compares it (trimmed,
 * case-insensitive), hashed so that no address is stored in Redis and keys stay short whatever the input.
 */
export const accountHash = (email: string): string => createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);
