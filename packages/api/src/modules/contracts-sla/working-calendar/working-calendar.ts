/**
 * # Working calendar
 *
 * A tenant's working calendar is plain data, stored as it is (one JSON document per tenant) and edited by
 * the tenant: the time zone, the working hours of a working day, the weekdays that are rest days, and per
 * year the public holidays (法定节假日, named date ranges) and the adjusted working days (调休上班日, rest
 * days that are worked). Mainland China's defaults come from `chinaCalendar(years)`; a tenant's edits replace
 * whole years with `overrideCalendar`.
 *
 * Whether a local date is a working day, in order: an adjusted working day is one; else a holiday is not;
 * else a rest weekday is not; else it is. A year the calendar has no entry for is plain Monday–Friday.
 * Working hours are half-open intervals of local wall-clock time, `[09:00, 18:00)`: a ticket at 18:00 sharp
 * waits for the next opening, and a deadline that falls exactly at 18:00 is met at 18:00.
 *
 * The arithmetic on top (add service minutes, minutes between) is in `business-time.ts`; see
 * `working-calendar.md` beside this file for the whole model.
 */

export type { IsoDate } from '../../../platform/time/calendar-date.ts';
import type { IsoDate } from '../../../platform/time/calendar-date.ts';

/** A local wall-clock time, `HH:MM` (`24:00` allowed as the end of a day). */
export type WallTime = string;

/** A public holiday (法定节假日): the local dates from `start` to `end`, both inclusive, that are not worked. */
export type CalendarHoliday = { name: string; start: IsoDate; end: IsoDate };

/** An adjusted working day (调休上班日): a rest day that is worked, named after the holiday it pays for. */
export type AdjustedWorkday = { date: IsoDate; name: string };

/** One year's exceptions to the weekly pattern. */
export type CalendarYear = { year: number; holidays: CalendarHoliday[]; adjusted_workdays: AdjustedWorkday[] };

/** Part of a working day, `[start, end)` in local wall-clock time. */
export type WorkingInterval = { start: WallTime; end: WallTime };

/** A tenant's working calendar, as stored and as edited. */
export type WorkingCalendar = {
  /** IANA time zone every date and wall-clock time of the calendar is read in. */
  time_zone: string;
  /** The intervals of every working day, ascending and not overlapping (a lunch break is a gap). */
  working_hours: WorkingInterval[];
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are rest days unless adjusted. */
  rest_weekdays: number[];
  /** Holidays and adjusted working days, one entry per year at most. */
  years: CalendarYear[];
};

/** The time zone of a calendar nobody configured: mainland China. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Working hours nobody configured: 09:00–18:00 in one stretch. */
export const DEFAULT_WORKING_HOURS: readonly WorkingInterval[] = [{ start: '09:00', end: '18:00' }];

/** The common alternative of eight hours with a lunch break: 09:00–12:00 and 13:00–18:00. */
export const WORKING_HOURS_WITH_LUNCH_BREAK: readonly WorkingInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

/** Saturday and Sunday. */
export const DEFAULT_REST_WEEKDAYS: readonly number[] = [6, 7];

/**
 * A calendar with the defaults filled in: Asia/Shanghai, 09:00–18:00, Saturday and Sunday off, no holidays.
 * @example workingCalendar({ working_hours: [...WORKING_HOURS_WITH_LUNCH_BREAK] })
 */
export function workingCalendar(fields: Partial<WorkingCalendar> = {}): WorkingCalendar {
  return {
    time_zone: DEFAULT_TIME_ZONE,
    working_hours: DEFAULT_WORKING_HOURS.map((interval) => ({ ...interval })),
    rest_weekdays: [...DEFAULT_REST_WEEKDAYS],
    years: [],
    ...fields,
  };
}

/** What a tenant may change in a calendar: any top-level field, and whole years. */
export type CalendarOverride = Partial<Omit<WorkingCalendar, 'years'>> & { years?: CalendarYear[] };

/**
 * Applies a tenant's edits to a base calendar (usually `chinaCalendar(...)`). A year in the override
 * replaces the base's entry for that year whole, so a tenant that edits 2026 sees exactly the list it saved;
 * the other years and fields come from the base unless given.
 * @example overrideCalendar(chinaCalendar([2025]), { working_hours: [{ start: '08:30', end: '17:30' }] })
 */
export function overrideCalendar(base: WorkingCalendar, override: CalendarOverride): WorkingCalendar {
  const { years: overrideYears = [], ...fields } = override;
  const years = new Map(base.years.map((entry) => [entry.year, entry]));
  for (const entry of overrideYears) years.set(entry.year, entry);
  return { ...base, ...fields, years: [...years.values()].sort((a, b) => a.year - b.year) };
}

/** One problem found in a calendar, with the JSON path of the offending field. */
export type CalendarIssue = { path: string; message: string };

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const wallTimePattern = /^(\d{2}):(\d{2})$/;

/** Days since 1970-01-01 of a valid `YYYY-MM-DD`, or undefined. Pure calendar arithmetic: no time zone involved. */
export function isoDateToDayNumber(date: IsoDate): number | undefined {
  const match = isoDatePattern.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms / 86_400_000;
}

/** The `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function dayNumberToIsoDate(dayNumber: number): IsoDate {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** Minutes since local midnight of `HH:MM` (0–1440), or undefined. */
export function wallTimeToMinutes(time: WallTime): number | undefined {
  const match = wallTimePattern.exec(time);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Everything wrong with a calendar, so an editor can show all of it at once; empty when the calendar is
 * usable. The business-time functions refuse a calendar with issues.
 * @example validateWorkingCalendar(workingCalendar({ time_zone: 'Mars/Olympus' }))
 * // [{ path: 'time_zone', message: 'unknown time zone Mars/Olympus' }]
 */
export function validateWorkingCalendar(calendar: WorkingCalendar): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  if (!isKnownTimeZone(calendar.time_zone)) issues.push({ path: 'time_zone', message: `unknown time zone ${calendar.time_zone}` });

  let previousEnd = -1;
  calendar.working_hours.forEach((interval, index) => {
    const path = `working_hours[${index}]`;
    const start = wallTimeToMinutes(interval.start);
    const end = wallTimeToMinutes(interval.end);
    if (start === undefined || end === undefined) return issues.push({ path, message: 'times must be HH:MM between 00:00 and 24:00' });
    if (end <= start) return issues.push({ path, message: 'an interval must end after it starts (no interval crosses midnight)' });
    if (start < previousEnd) issues.push({ path, message: 'intervals must be ascending and must not overlap' });
    previousEnd = end;
  });

  calendar.rest_weekdays.forEach((weekday, index) => {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) issues.push({ path: `rest_weekdays[${index}]`, message: 'an ISO weekday is 1 (Monday) to 7 (Sunday)' });
  });

  const seenYears = new Set<number>();
  const adjusted = new Map<IsoDate, string>();
  calendar.years.forEach((entry, yearIndex) => {
    const yearPath = `years[${yearIndex}]`;
    if (seenYears.has(entry.year)) issues.push({ path: `${yearPath}.year`, message: `year ${entry.year} appears twice` });
    seenYears.add(entry.year);
    const inYear = (date: IsoDate) => isoDateToDayNumber(date) !== undefined && date.startsWith(`${entry.year}-`);
    entry.adjusted_workdays.forEach((day, index) => {
      if (!inYear(day.date)) issues.push({ path: `${yearPath}.adjusted_workdays[${index}].date`, message: `${day.date} is not a date in ${entry.year}` });
      else adjusted.set(day.date, `${yearPath}.adjusted_workdays[${index}]`);
    });
    entry.holidays.forEach((holiday, index) => {
      const path = `${yearPath}.holidays[${index}]`;
      const start = isoDateToDayNumber(holiday.start);
      const end = isoDateToDayNumber(holiday.end);
      if (!inYear(holiday.start) || start === undefined || end === undefined) return issues.push({ path, message: `a holiday needs valid dates starting in ${entry.year}` });
      if (end < start) return issues.push({ path, message: 'a holiday must not end before it starts' });
      if (end - start > 31) return issues.push({ path, message: 'a holiday longer than a month is most likely a typo' });
      for (let day = start; day <= end; day++) {
        const clash = adjusted.get(dayNumberToIsoDate(day));
        if (clash) issues.push({ path, message: `${dayNumberToIsoDate(day)} is both a holiday and an adjusted working day (${clash})` });
      }
    });
  });
  return issues;
}

/** A calendar turned into lookups for the arithmetic: working-day tests by day number, hours in minutes. */
export type CompiledCalendar = {
  timeZone: string;
  /** `[start, end)` minutes since local midnight, ascending. */
  intervals: readonly (readonly [number, number])[];
  isWorkingDay(dayNumber: number): boolean;
};

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

/**
 * Validates and indexes a calendar once; later calls with the same object reuse the result, so a calendar
 * must be treated as an immutable value once it is used (build a new one with `overrideCalendar` to edit).
 * @throws RangeError listing the issues when the calendar is not valid.
 */
export function compileCalendar(calendar: WorkingCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;
  const issues = validateWorkingCalendar(calendar);
  if (issues.length > 0) throw new RangeError(`invalid working calendar: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);

  const holidays = new Set<number>();
  const adjustedWorkdays = new Set<number>();
  for (const entry of calendar.years) {
    for (const day of entry.adjusted_workdays) adjustedWorkdays.add(isoDateToDayNumber(day.date)!);
    for (const holiday of entry.holidays) {
      for (let day = isoDateToDayNumber(holiday.start)!; day <= isoDateToDayNumber(holiday.end)!; day++) holidays.add(day);
    }
  }
  const restWeekdays = new Set(calendar.rest_weekdays);
  const result: CompiledCalendar = {
    timeZone: calendar.time_zone,
    intervals: calendar.working_hours.map((interval) => [wallTimeToMinutes(interval.start)!, wallTimeToMinutes(interval.end)!] as const),
    isWorkingDay(dayNumber) {
      if (adjustedWorkdays.has(dayNumber)) return true;
      if (holidays.has(dayNumber)) return false;
      // 1970-01-01 was a Thursday (ISO 4).
      const isoWeekday = ((((dayNumber + 3) % 7) + 7) % 7) + 1;
      return !restWeekdays.has(isoWeekday);
    },
  };
  compiled.set(calendar, result);
  return result;
}

/**
 * Whether a local date is a working day on the calendar (adjusted working day, else not a holiday, else not
 * a rest weekday).
 * @example isWorkingDay(chinaCalendar([2025]), '2025-09-28') // true: 调休, a Sunday worked for 国庆
 */
export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): boolean {
  const dayNumber = isoDateToDayNumber(date);
  if (dayNumber === undefined) throw new RangeError(`not a date: ${date}`);
  return compileCalendar(calendar).isWorkingDay(dayNumber);
}
