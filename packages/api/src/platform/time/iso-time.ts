import { z } from '@hono/zod-openapi';
import { isIsoDate } from './calendar-date.ts';

/**
 * The years a date or instant of the API may fall in. Nothing a CRM records lies before 1900 or after
 * 2999: such a value is a typo or a probe. The range also keeps arithmetic safe: Postgres has no year 0,
 * JavaScript reads years 0–99 as 1900–1999, and past 9999 ISO strings grow a sign (`+010000-…`) — a
 * renewal term or a "to, inclusive" day added to 2999 stays far from that. "Open-ended" is null, not 9999-12-31.
 */
export const YEAR_RANGE = { first: 1900, last: 2999 } as const;

const FIRST_INSTANT = Date.UTC(YEAR_RANGE.first, 0, 1);
const END_OF_RANGE = Date.UTC(YEAR_RANGE.last + 1, 0, 1);
const { first, last } = YEAR_RANGE;
const inYearRange = (year: number) => year >= YEAR_RANGE.first && year <= YEAR_RANGE.last;
// zod's ISO check knows the calendar (2025-02-29 fails) but not the range.
const instantFormat = z.iso.datetime({ offset: true });

/**
 * Whether `value` is a calendar date `YYYY-MM-DD` that exists (no 2026-02-30) within {@link YEAR_RANGE}.
 * @example isApiDate('2024-02-29') // true; isApiDate('0000-01-01') // false
 */
export const isApiDate = (value: string): boolean => isIsoDate(value) && inYearRange(Number(value.slice(0, 4)));

/**
 * Whether `value` is an ISO 8601 instant with `Z` or an offset, of a day that exists, between
 * 1900-01-01T00:00:00Z and 2999-12-31T23:59:59.999Z.
 * @example isApiInstant('2026-03-01T10:00:00+08:00') // true; isApiInstant('2026-02-30T10:00:00Z') // false
 */
export function isApiInstant(value: string): boolean {
  if (!instantFormat.safeParse(value).success) return false;
  const time = Date.parse(value);
  return time >= FIRST_INSTANT && time < END_OF_RANGE;
}

/** A business date `YYYY-MM-DD` in a request: a real calendar date between 1900-01-01 and 2999-12-31. */
export const isoDate = z
  .string()
  .refine(isApiDate, { message: `must be a date YYYY-MM-DD that exists, between ${first}-01-01 and ${last}-12-31` })
  .openapi({ format: 'date', example: '2026-01-01' });

/** A business month `YYYY-MM` in a request, between 1900-01 and 2999-12. */
export const isoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .refine((value) => inYearRange(Number(value.slice(0, 4))), { message: `must be a month between ${first}-01 and ${last}-12` })
  .openapi({ example: '2026-01' });

/** An instant in a request: ISO 8601 with `Z` or an offset (a time without a zone is ambiguous and refused). */
export const isoInstant = z
  .string()
  .refine(isApiInstant, { message: `must be an ISO 8601 instant with Z or an offset, of a real date between ${first} and ${last}` })
  .openapi({ format: 'date-time', example: '2026-03-01T10:00:00+08:00', description: 'ISO 8601 with Z or an offset' });
