import { createHash, randomBytes } from 'node:crypto';

/** The visible prefix of every key, so secret scanners and humans recognise it. */
export const API_KEY_PREFIX = 'crm_';

/** A new key: the secret is shown once; only its SHA-256 is stored. */
export function generateApiKey(): { secret: string; prefix: string; hash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, 12), hash: hashApiKey(secret) };
}

export const hashApiKey = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const looksLikeApiKey = (value: string): boolean => value.startsWith(API_KEY_PREFIX);
