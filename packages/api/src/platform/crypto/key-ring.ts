import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export type KeyRing = {
  /** Encrypts under the active key: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). */
  encrypt: (plaintext: string) => string;
  decrypt: (envelope: string) => string;
  /** The key id an envelope was sealed with (rotation re-encrypts the ones that are not active). */
  keyIdOf: (envelope: string) => string;
  activeKeyId: string;
  /** Keyed hash for exact-match lookup of a normalised value; stable across encryption-key rotation. */
  blindIndex: (normalised: string) => string;
};

export class KeyRingError extends Error {}

/**
 * Parses `id:base64,id:base64` (first = active) into 32-byte AES-256-GCM keys.
 * @example parseKeys('k2:...,k1:...')
 */
export function parseKeys(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, material] = entry.split(':');
    if (!id || !material || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) {
      throw new KeyRingError(`CRM_ENCRYPTION_KEYS: entry "${id ?? ''}" must look like id:base64key`);
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new KeyRingError(`CRM_ENCRYPTION_KEYS: key "${id}" must be 32 bytes (base64)`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new KeyRingError('CRM_ENCRYPTION_KEYS: no key given');
  return keys;
}

/**
 * AES-256-GCM field encryption with a rotating key ring and an HMAC-SHA256 blind index.
 * @example const ring = createKeyRing({ keys: 'k1:base64…', blindIndexKey: 'base64…' }); ring.decrypt(ring.encrypt('x'));
 */
export function createKeyRing(options: { keys: string; blindIndexKey: string }): KeyRing {
  const keys = parseKeys(options.keys);
  const activeKeyId = keys.keys().next().value as string;
  const activeKey = keys.get(activeKeyId) as Buffer;
  const indexKey = Buffer.from(options.blindIndexKey, 'base64');
  if (indexKey.length < 32) throw new KeyRingError('CRM_BLIND_INDEX_KEY: must be at least 32 bytes (base64)');

  const parse = (envelope: string) => {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') throw new KeyRingError('not an encrypted value');
    return { keyId: parts[1] as string, iv: parts[2] as string, tag: parts[3] as string, data: parts[4] as string };
  };

  return {
    activeKeyId,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', activeKey, iv);
      // The key id is authenticated data, so a value cannot be replayed under another key id.
      cipher.setAAD(Buffer.from(activeKeyId));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', activeKeyId, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(envelope) {
      const { keyId, iv, tag, data } = parse(envelope);
      const key = keys.get(keyId);
      if (!key) throw new KeyRingError(`no key "${keyId}" in CRM_ENCRYPTION_KEYS`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
    keyIdOf: (envelope) => parse(envelope).keyId,
    blindIndex: (normalised) => createHmac('sha256', indexKey).update(normalised).digest('hex'),
  };
}

/** A fresh random 32-byte key, base64 — for the embedded demo's dev key file. */
export const generateKey = (): string => randomBytes(32).toString('base64');
