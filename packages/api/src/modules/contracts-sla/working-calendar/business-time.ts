import { TZDate } from '@date-fns/tz';
import { compileCalendar, type CompiledCalendar, type WorkingCalendar } from './working-calendar.ts';

/**
 * When an SLA clock runs: `7x24` counts every minute; `5x8` counts only the working hours of the working
 * days of a calendar (holidays off, 调休 working weekends on).
 */
export type ServiceHours = { kind: '7x24' } | { kind: '5x8'; calendar: WorkingCalendar };

/** Round-the-clock service. */
export const SERVICE_HOURS_7X24: ServiceHours = { kind: '7x24' };

/**
 * The longest span the arithmetic accepts, in calendar days (five years). SLA targets are minutes to weeks;
 * a span past this is a bug upstream (a wrong year, minutes passed as milliseconds), answered with an error
 * rather than a long walk.
 */
export const MAX_SERVICE_SPAN_DAYS = 5 * 366;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function assertInstant(value: Date, label: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${label} is not a valid date`);
  return ms;
}

/**
 * Zone arithmetic is the hot part of SLA measurement (a batch of a thousand 5×8 tickets walks thousands of
 * days), and each `TZDate` asks Intl for the offset. Both answers are pure functions of their inputs, so they
 * are remembered: local days per 15-minute slot of time (every zone offset in use is a multiple of 15
 * minutes, so a slot never straddles a local midnight) and instants per (zone, day, minute of day).
 */
const zoneMemo = new Map<string, number>();
const ZONE_MEMO_LIMIT = 200_000;
function memo(key: string, compute: () => number): number {
  const known = zoneMemo.get(key);
  if (known !== undefined) return known;
  if (zoneMemo.size >= ZONE_MEMO_LIMIT) zoneMemo.clear();
  const value = compute();
  zoneMemo.set(key, value);
  return value;
}

const SLOT_MS = 15 * MINUTE_MS;

/** Days since 1970-01-01 of the local date of an instant in a zone. */
function localDayNumber(ms: number, timeZone: string): number {
  const slot = Math.floor(ms / SLOT_MS);
  return memo(`d|${timeZone}|${slot}`, () => {
    const local = new TZDate(slot * SLOT_MS, timeZone);
    return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS;
  });
}

/** The instant of a local wall-clock time (minutes since midnight, up to 1440) on a local date in a zone. */
function instantAt(dayNumber: number, minuteOfDay: number, timeZone: string): number {
  return memo(`i|${timeZone}|${dayNumber}|${minuteOfDay}`, () => {
    const civil = new Date(dayNumber * DAY_MS);
    return new TZDate(civil.getUTCFullYear(), civil.getUTCMonth(), civil.getUTCDate(), Math.floor(minuteOfDay / 60), minuteOfDay % 60, timeZone).getTime();
  });
}

/** The open windows `[start, end)` of one local day, as instants; none on a day off. */
function windowsOfDay(calendar: CompiledCalendar, dayNumber: number): [number, number][] {
  if (!calendar.isWorkingDay(dayNumber)) return [];
  return calendar.intervals.map(([start, end]) => [instantAt(dayNumber, start, calendar.timeZone), instantAt(dayNumber, end, calendar.timeZone)]);
}

/**
 * The service windows from `from` on, each clipped to begin no earlier than `from`, in order, for
 * `MAX_SERVICE_SPAN_DAYS` days. A window that closes at `from` is over: closing time is not service time.
 */
function* windowsFrom(calendar: CompiledCalendar, from: number): Generator<[begin: number, close: number]> {
  const firstDay = localDayNumber(from, calendar.timeZone);
  for (let day = firstDay; day <= firstDay + MAX_SERVICE_SPAN_DAYS; day++) {
    for (const [open, close] of windowsOfDay(calendar, day)) if (close > from) yield [Math.max(open, from), close];
  }
}

/**
 * The deadline: the first instant at or after `start` by which `minutes` service minutes have elapsed.
 * - A deadline that uses up the last service minute of a day (or of a morning, before a lunch break) is that
 *   closing time, 18:00, as a service desk shows it; a ticket resolved at 19:00 is late.
 * - Zero minutes is `start` itself, wherever it lies: with no budget, an SLA clock started at 20:00 is due at
 *   20:00, not at the next opening.
 * - With minutes to add, a start outside service hours counts from the next opening.
 *
 * So deadlines compose however the minutes are split, `addServiceMinutes(addServiceMinutes(t, a, h), b, h)`
 * equals `addServiceMinutes(t, a + b, h)`, and `serviceMinutesBetween(t, addServiceMinutes(t, m, h), h) === m`.
 * Walks day by day (never minute by minute), so a month-long target costs about thirty steps.
 * @throws RangeError for negative or non-finite minutes, an invalid date, or a target further than
 *   `MAX_SERVICE_SPAN_DAYS` away.
 * @example
 * // P1 raised Friday 17:30 in Shanghai, 60 business minutes to respond:
 * addServiceMinutes(new Date('2025-11-07T17:30:00+08:00'), 60, { kind: '5x8', calendar: chinaCalendar([2025]) })
 * // 2025-11-10T09:30:00+08:00, Monday; with 30 minutes, 2025-11-07T18:00:00+08:00, Friday's closing time
 */
export function addServiceMinutes(start: Date, minutes: number, hours: ServiceHours): Date {
  const from = assertInstant(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`service minutes must be a finite number ≥ 0, got ${minutes}`);
  if (minutes > MAX_SERVICE_SPAN_DAYS * 1440) throw new RangeError(`${minutes} service minutes is more than ${MAX_SERVICE_SPAN_DAYS} days`);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (hours.kind === '7x24') return new Date(from + remaining);
  const calendar = compileCalendar(hours.calendar);
  if (remaining === 0) return new Date(from);

  for (const [begin, close] of windowsFrom(calendar, from)) {
    if (remaining <= close - begin) return new Date(begin + remaining);
    remaining -= close - begin;
  }
  throw new RangeError(`${minutes} service minutes do not fit in ${MAX_SERVICE_SPAN_DAYS} days of this calendar`);
}

/**
 * The service minutes between two instants: only time inside service hours counts. Negative when `b` is
 * before `a`, so `serviceMinutesBetween(deadline, now)` reads as "minutes overdue". Exact, not rounded:
 * floor it for display. The inverse of `addServiceMinutes`:
 * `serviceMinutesBetween(s, addServiceMinutes(s, m, h), h) === m`.
 * @throws RangeError for an invalid date or a span longer than `MAX_SERVICE_SPAN_DAYS`.
 * @example
 * // 国庆 2025: Tuesday 30 Sept 09:00 to Friday 10 Oct 18:00 counts 30 Sept, 9 Oct and 10 Oct only.
 * serviceMinutesBetween(new Date('2025-09-30T09:00+08:00'), new Date('2025-10-10T18:00+08:00'), fiveByEight) // 1620
 */
export function serviceMinutesBetween(a: Date, b: Date, hours: ServiceHours): number {
  const from = assertInstant(a, 'a');
  const to = assertInstant(b, 'b');
  if (to < from) return -serviceMinutesBetween(b, a, hours);
  if (to - from > MAX_SERVICE_SPAN_DAYS * DAY_MS) throw new RangeError(`a span of more than ${MAX_SERVICE_SPAN_DAYS} days is not a service time`);
  if (hours.kind === '7x24') return (to - from) / MINUTE_MS;

  const calendar = compileCalendar(hours.calendar);
  const lastDay = localDayNumber(to, calendar.timeZone);
  let total = 0;
  for (let day = localDayNumber(from, calendar.timeZone); day <= lastDay; day++) {
    for (const [open, close] of windowsOfDay(calendar, day)) {
      const overlap = Math.min(close, to) - Math.max(open, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

/**
 * Whether the service clock runs at instant `t` (opening time included, closing time excluded).
 * @example isWithinServiceHours(new Date('2025-10-01T10:00+08:00'), fiveByEight) // false: 国庆节
 */
export function isWithinServiceHours(t: Date, hours: ServiceHours): boolean {
  const at = assertInstant(t, 't');
  if (hours.kind === '7x24') return true;
  const calendar = compileCalendar(hours.calendar);
  return windowsOfDay(calendar, localDayNumber(at, calendar.timeZone)).some(([open, close]) => open <= at && at < close);
}

/**
 * The first instant at or after `t` when the service clock runs: `t` itself inside service hours, the next
 * opening otherwise (18:00 sharp is closed). Where a clock starts, not a deadline: a deadline of zero
 * minutes is `t` itself (`addServiceMinutes`).
 * @throws RangeError when the calendar has no service hours within `MAX_SERVICE_SPAN_DAYS`.
 * @example nextServiceOpening(new Date('2025-09-30T18:00+08:00'), fiveByEight) // 2025-10-09T09:00+08:00
 */
export function nextServiceOpening(t: Date, hours: ServiceHours): Date {
  const at = assertInstant(t, 't');
  if (hours.kind === '7x24') return new Date(at);
  const [first] = windowsFrom(compileCalendar(hours.calendar), at);
  if (!first) throw new RangeError(`this calendar has no service hours within ${MAX_SERVICE_SPAN_DAYS} days`);
  return new Date(first[0]);
}
