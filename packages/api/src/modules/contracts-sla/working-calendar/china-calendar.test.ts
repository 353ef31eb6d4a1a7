import { describe, expect, it } from 'vitest';
import { chinaCalendar, hasChinaCalendarYear } from './china-calendar.ts';
import { isWorkingDay, overrideCalendar, validateWorkingCalendar } from './working-calendar.ts';

describe('chinaCalendar', () => {
  const calendar = chinaCalendar([2026, 2025, 2025]);
  const year = (y: number) => calendar.years.find((entry) => entry.year === y)!;

  it('fills in Asia/Shanghai, 09:00–18:00 and the weekend, once per year, in order', () => {
    expect(calendar.time_zone).toBe('Asia/Shanghai');
    expect(calendar.working_hours).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(calendar.rest_weekdays).toEqual([6, 7]);
    expect(calendar.years.map((entry) => entry.year)).toEqual([2025, 2026]);
    expect(validateWorkingCalendar(calendar)).toEqual([]);
  });

  it('knows 国庆 2025: 1–8 October off (中秋 on the 6th) and the 调休 28 September and 11 October', () => {
    expect(year(2025).holidays.filter((holiday) => holiday.start >= '2025-10-01')).toEqual([
      { name: '国庆节', start: '2025-10-01', end: '2025-10-05' },
      { name: '中秋', start: '2025-10-06', end: '2025-10-06' },
      { name: '国庆节', start: '2025-10-07', end: '2025-10-08' },
    ]);
    expect(year(2025).adjusted_workdays.filter((day) => day.name === '国庆节')).toEqual([
      { date: '2025-09-28', name: '国庆节' },
      { date: '2025-10-11', name: '国庆节' },
    ]);
  });

  it('knows Spring Festival 2026: 15–23 February off, 14 and 28 February worked', () => {
    expect(year(2026).holidays).toContainEqual({ name: '春节', start: '2026-02-15', end: '2026-02-23' });
    expect(year(2026).adjusted_workdays.filter((day) => day.name === '春节').map((day) => day.date)).toEqual(['2026-02-14', '2026-02-28']);
  });

  it.each([
    ['2025-09-28', true, 'a 调休 Sunday'],
    ['2025-09-27', false, 'an ordinary Saturday'],
    ['2025-10-01', false, '国庆节'],
    ['2025-10-09', true, 'the Thursday after 国庆'],
    ['2026-01-01', false, '元旦'],
    ['2026-01-04', true, 'the 元旦 调休 Sunday'],
    ['2026-02-23', false, 'the last day of Spring Festival 2026, a Monday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(calendar, date)).toBe(expected);
  });

  it('reads the same dates whatever the server\'s time zone', () => {
    const serverZone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(chinaCalendar([2024]).years[0]!.adjusted_workdays.map((day) => day.date)).toEqual([
        '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
      ]);
    } finally {
      if (serverZone === undefined) delete process.env.TZ;
      else process.env.TZ = serverZone;
    }
  });

  it('covers 2004 to 2026 with the bundled data', () => {
    expect([2003, 2004, 2026].map(hasChinaCalendarYear)).toEqual([false, true, true]);
  });

  it('leaves out a year the data does not know yet, which is then plain Monday–Friday', () => {
    expect(hasChinaCalendarYear(2025)).toBe(true);
    expect(hasChinaCalendarYear(2099)).toBe(false);
    const future = chinaCalendar([2099]);
    expect(future.years).toEqual([]);
    expect(isWorkingDay(future, '2099-10-01')).toBe(true);
  });

  it('hands out copies, so editing one calendar leaves the next one as published', () => {
    year(2025).holidays.length = 0;
    expect(chinaCalendar([2025]).years[0]!.holidays.length).toBeGreaterThan(0);
  });

  it('lets a tenant replace a year and its hours', () => {
    const tenant = overrideCalendar(chinaCalendar([2025, 2026]), {
      working_hours: [{ start: '08:30', end: '17:30' }],
      years: [{ year: 2025, holidays: [{ name: '司庆', start: '2025-06-18', end: '2025-06-18' }], adjusted_workdays: [] }],
    });
    expect(tenant.working_hours).toEqual([{ start: '08:30', end: '17:30' }]);
    expect(isWorkingDay(tenant, '2025-06-18')).toBe(false);
    expect(isWorkingDay(tenant, '2025-10-01')).toBe(true);
    expect(isWorkingDay(tenant, '2026-10-01')).toBe(false);
    expect(tenant.years.map((entry) => entry.year)).toEqual([2025, 2026]);
  });
});
