import { describe, expect, it } from 'vitest';
import { isWorkingDay, validateWorkingCalendar, workingCalendar, type WorkingCalendar } from './working-calendar.ts';

const year2025 = (fields: Partial<WorkingCalendar['years'][number]>) => [{ year: 2025, holidays: [], adjusted_workdays: [], ...fields }];

describe('validateWorkingCalendar', () => {
  it('accepts the defaults', () => {
    expect(validateWorkingCalendar(workingCalendar())).toEqual([]);
  });

  it.each<[string, Partial<WorkingCalendar>, string]>([
    ['an unknown time zone', { time_zone: 'Mars/Olympus' }, 'time_zone'],
    ['a malformed time', { working_hours: [{ start: '9:00', end: '18:00' }] }, 'working_hours[0]'],
    ['an interval crossing midnight', { working_hours: [{ start: '22:00', end: '06:00' }] }, 'working_hours[0]'],
    ['overlapping intervals', { working_hours: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] }, 'working_hours[1]'],
    ['a weekday 0', { rest_weekdays: [0] }, 'rest_weekdays[0]'],
    ['a holiday ending before it starts', { years: year2025({ holidays: [{ name: '国庆节', start: '2025-10-08', end: '2025-10-01' }] }) }, 'years[0].holidays[0]'],
    ['a holiday in another year', { years: year2025({ holidays: [{ name: '元旦', start: '2026-01-01', end: '2026-01-01' }] }) }, 'years[0].holidays[0]'],
    ['an impossible date', { years: year2025({ adjusted_workdays: [{ date: '2025-02-30', name: '春节' }] }) }, 'years[0].adjusted_workdays[0].date'],
    ['a day both off and worked', { years: year2025({ holidays: [{ name: '国庆节', start: '2025-10-01', end: '2025-10-08' }], adjusted_workdays: [{ date: '2025-10-04', name: '国庆节' }] }) }, 'years[0].holidays[0]'],
    ['a year twice', { years: [...year2025({}), ...year2025({})] }, 'years[1].year'],
  ])('reports %s', (_label, fields, path) => {
    expect(validateWorkingCalendar(workingCalendar(fields)).map((issue) => issue.path)).toEqual([path]);
  });
});

describe('isWorkingDay', () => {
  const calendar = workingCalendar({
    rest_weekdays: [7],
    years: year2025({ holidays: [{ name: '司庆', start: '2025-06-18', end: '2025-06-19' }], adjusted_workdays: [{ date: '2025-06-22', name: '司庆' }] }),
  });

  it.each([
    ['2025-06-17', true, 'an ordinary Tuesday'],
    ['2025-06-18', false, 'a holiday'],
    ['2025-06-21', true, 'a Saturday, worked in a six-day week'],
    ['2025-06-22', true, 'a Sunday made a working day'],
    ['2025-06-29', false, 'an ordinary Sunday'],
  ])('%s: %s (%s)', (date, expected) => {
    expect(isWorkingDay(calendar, date)).toBe(expected);
  });

  it('rejects a malformed date', () => {
    expect(() => isWorkingDay(calendar, '2025-6-1')).toThrow(RangeError);
  });
});
