import { z } from '@hono/zod-openapi';
import { ApiError } from '../errors.ts';

/** Query parameters shared by every list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(20).openapi({ example: 20 }),
  cursor: z.string().max(500).optional().openapi({ description: 'Opaque cursor from `next_cursor`' }),
};

/** A keyset position: the sort key of the last row seen and its id (tie-breaker). */
export type Keyset = { value: string | number | null; id: number };

/** @example encodeCursor({ value: '2026-01-01T00:00:00Z', id: 42 }) */
export const encodeCursor = (keyset: Keyset): string => Buffer.from(JSON.stringify([keyset.value, keyset.id])).toString('base64url');

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 2 || !Number.isSafeInteger(parsed[1])) throw new Error('shape');
    const [value, id] = parsed as [unknown, number];
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new Error('value');
    return { value: value as Keyset['value'], id };
  } catch {
    throw new ApiError('request.cursor_invalid');
  }
}

/** The page schema `{ items, next_cursor }` for a named item type. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() }).openapi(`${name}Page`);
}
