import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isoDateToDayNumber, workingCalendar, type CalendarHoliday, type CalendarYear, type WorkingCalendar } from './working-calendar.ts';

// chinese-days (MIT) carries the State Council's published arrangements, one release per year's notice.
// Its raw JSON is read rather than its functions: those parse 'YYYY-MM-DD' as UTC and format with the
// process's local getters, so on a server west of Greenwich every date comes out a day early.
// Entries read "National Day,国庆节,3": English name, Chinese name, holiday id.
type DayMap = Record<string, string>;
const { holidays: holidayDays, workdays: adjustedDays } = chineseDays as { holidays: DayMap; workdays: DayMap };
const chineseName = (entry: string) => entry.split(',')[1] ?? entry;

const yearCache = new Map<number, CalendarYear | null>();

function convertYear(year: number): CalendarYear | null {
  if (yearCache.has(year)) return yearCache.get(year)!;
  const inYear = (date: string) => date.startsWith(`${year}-`);
  const holidays: CalendarHoliday[] = [];
  for (const date of Object.keys(holidayDays).filter(inYear).sort()) {
    const name = chineseName(holidayDays[date]!);
    const previous = holidays.at(-1);
    if (previous && previous.name === name && isoDateToDayNumber(previous.end)! + 1 === isoDateToDayNumber(date)) previous.end = date;
    else holidays.push({ name, start: date, end: date });
  }
  const adjusted_workdays = Object.keys(adjustedDays)
    .filter(inYear)
    .sort()
    .map((date) => ({ date, name: chineseName(adjustedDays[date]!) }));
  const result = holidays.length > 0 ? { year, holidays, adjusted_workdays } : null;
  yearCache.set(year, result);
  return result;
}

const cloneYear = (entry: CalendarYear): CalendarYear => ({
  year: entry.year,
  holidays: entry.holidays.map((holiday) => ({ ...holiday })),
  adjusted_workdays: entry.adjusted_workdays.map((day) => ({ ...day })),
});

/**
 * Whether the bundled data knows mainland China's arrangement for a year (from 2004 up to the latest
 * published notice, usually out in November for the next year).
 * @example hasChinaCalendarYear(2025) // true
 */
export function hasChinaCalendarYear(year: number): boolean {
  return Number.isInteger(year) && year >= 1970 && year <= 9999 && convertYear(year) !== null;
}

/**
 * Mainland China's working calendar for the given years: Asia/Shanghai, 09:00–18:00, Saturday and Sunday
 * off, and for each year the data knows, its public holidays (法定节假日) and adjusted working days (调休).
 * A year the data does not know yet is left out (and is then plain Monday–Friday): check it with
 * `hasChinaCalendarYear` and have the tenant enter it. Change anything with `overrideCalendar`.
 * @example chinaCalendar([2025, 2026]).years[0].adjusted_workdays
 * // [{ date: '2025-01-26', name: '春节' }, …, { date: '2025-09-28', name: '国庆节' }, { date: '2025-10-11', name: '国庆节' }]
 */
export function chinaCalendar(years: readonly number[]): WorkingCalendar {
  const entries = [...new Set(years)]
    .sort((a, b) => a - b)
    .filter(hasChinaCalendarYear)
    .map((year) => cloneYear(convertYear(year)!));
  return workingCalendar({ years: entries });
}
