import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';

/** A strong ETag from an entity's id and row version. */
export const etagOf = (entity: string, id: number, version: number): string => `"${entity}-${id}-v${version}"`;

/**
 * The row version the caller last read, from `If-Match`; updates without it are refused (428) so a
 * client cannot overwrite a change it never saw. `*` means "whatever is current".
 */
export function expectedVersion(c: Context<AppEnv>, entity: string, id: number): number | null {
  const header = c.req.header('If-Match');
  if (!header) throw new ApiError('precondition.required');
  if (header.trim() === '*') return null;
  const match = header.match(new RegExp(`^(?:W/)?"${entity}-${id}-v(\\d+)"$`));
  if (!match) throw new ApiError('precondition.failed', { if_match: header });
  return Number(match[1]);
}
