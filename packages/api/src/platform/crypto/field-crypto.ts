import type { KeyRing } from './key-ring.ts';
import { maskPii, normalisePii, PII_FIELDS, type PiiField } from './pii.ts';

/** The stored form of one sensitive field: ciphertext plus blind index. */
export type SealedField = { enc: string | null; bidx: string | null };

/** Encrypts a field and computes its blind index; `null`/empty clears both. */
export function sealField(ring: KeyRing, field: PiiField, value: string | null | undefined): SealedField {
  if (value === null || value === undefined || value.trim() === '') return { enc: null, bidx: null };
  return { enc: ring.encrypt(value.trim()), bidx: ring.blindIndex(`${field}:${normalisePii(field, value)}`) };
}

/** The blind index to look a plaintext value up by. */
export function blindIndexOf(ring: KeyRing, field: PiiField, value: string): string {
  return ring.blindIndex(`${field}:${normalisePii(field, value)}`);
}

/** Decrypts a stored field, masking it unless the caller may read PII. */
export function revealField(ring: KeyRing, field: PiiField, enc: string | null, canReadPii: boolean): string | null {
  if (!enc) return null;
  const plain = ring.decrypt(enc);
  return canReadPii ? plain : maskPii(field, plain);
}

/**
 * Ciphertext and blind-index columns (`<field>_enc`, `<field>_bidx`) for the PII fields present in `input`; a field
 * given as null clears both, an absent one is left out (so an update keeps it). Contacts and leads store theirs so.
 * @example sealedColumns(keyRing, { mobile: '13800138000' }) // { mobile_enc: 'v1:…', mobile_bidx: '…' }
 */
export function sealedColumns(ring: KeyRing, input: Partial<Record<PiiField, string | null | undefined>>): Record<string, string | null> {
  const columns: Record<string, string | null> = {};
  for (const field of PII_FIELDS) {
    if (!(field in input) || input[field] === undefined) continue;
    const sealed = sealField(ring, field, input[field]);
    columns[`${field}_enc`] = sealed.enc;
    columns[`${field}_bidx`] = sealed.bidx;
  }
  return columns;
}
