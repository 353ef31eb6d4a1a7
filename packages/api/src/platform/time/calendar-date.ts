import { localDateKey } from './local-time.ts';

/**
 * A calendar date `YYYY-MM-DD` with no time and no zone, as a Postgres `date` column reads in drizzle's
 * string mode. Contract periods are business dates: a contract that ends on 2025-12-31 covers that whole
 * day in Asia/Shanghai, whatever zone the server runs in.
 */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `value` is a real calendar date in `YYYY-MM-DD` form (no 2025-02-29, no 2025-13-01).
 * @example isIsoDate('2024-02-29') // true
 */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/**
 * Days since 1970-01-01: dates become integers, so differences and offsets are exact (no DST, no zone).
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/**
 * The date of a day number; the inverse of `dayNumber`.
 * @example fromDayNumber(1) // '1970-01-02'
 */
export const fromDayNumber = (days: number): IsoDate => new Date(days * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * `date` moved by `days` (negative moves back).
 * @example addDays('2024-02-28', 1) // '2024-02-29'
 */
export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(date) + days);

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @example daysBetween('2024-12-31', '2025-01-01') // 1
 */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

const daysInMonth = (year: number, monthIndex: number): number => new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();

/**
 * `date` moved by whole calendar months; a day that the target month lacks clamps to its last day,
 * as contracts read ("one month from 31 January" is 29 February in a leap year).
 * @example addMonths('2024-01-31', 1) // '2024-02-29'
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const day = dayNumber(date);
  const origin = new Date(day * MS_PER_DAY);
  const total = origin.getUTCFullYear() * 12 + origin.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const monthIndex = total - year * 12;
  const dom = Math.min(origin.getUTCDate(), daysInMonth(year, monthIndex));
  return fromDayNumber(Date.UTC(year, monthIndex, dom) / MS_PER_DAY);
}

/**
 * The business date (Asia/Shanghai) of an instant: what "today" means for contract dates.
 * @example businessDate(new Date('2026-11-25T16:30:00Z')) // '2026-11-26'
 */
export function businessDate(now: Date): IsoDate {
  const key = localDateKey(now);
  return `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}`;
}

/**
 * The first instant of a business date: 00:00 in Asia/Shanghai (no daylight saving, so always +08:00).
 * @example startOfBusinessDay('2026-01-01').toISOString() // '2025-12-31T16:00:00.000Z'
 */
export const startOfBusinessDay = (date: IsoDate): Date => new Date(`${date}T00:00:00+08:00`);

/** A business month, `YYYY-MM`. */
export type IsoMonth = string;

/**
 * The business month of an instant, shifted by whole months.
 * @example businessMonth(new Date('2026-01-31T17:00:00Z')) // '2026-02'; businessMonth(now, -11) // a year ago
 */
export const businessMonth = (now: Date, shift = 0): IsoMonth => addMonths(`${businessDate(now).slice(0, 7)}-01`, shift).slice(0, 7);
