import { customType } from 'drizzle-orm/pg-core';

/** A half-open period `[from, to)` of instants; `to: null` is unbounded. */
export type InstantRange = { from: Date; to: Date | null };

const quoted = (date: Date) => `"${date.toISOString()}"`;

/** Parses Postgres' text form of a `tstzrange`, `["2026-01-01 00:00:00+08","2027-01-01 00:00:00+08")`. */
export function parseInstantRange(text: string): InstantRange {
  const match = /^\[\"?([^",]*)\"?,\"?([^",)]*)\"?\)$/.exec(text);
  if (!match) throw new Error(`not a [from, to) tstzrange: ${text}`);
  return { from: new Date(match[1]!), to: match[2] === '' ? null : new Date(match[2]!) };
}

/** Formats a period as a `tstzrange` literal. */
export const formatInstantRange = (range: InstantRange): string => `[${quoted(range.from)},${range.to ? quoted(range.to) : ''})`;

/** A `tstzrange` column read and written as `{ from, to }`. */
export const instantRange = customType<{ data: InstantRange; driverData: string }>({
  dataType: () => 'tstzrange',
  toDriver: formatInstantRange,
  fromDriver: (value) => parseInstantRange(String(value)),
});
