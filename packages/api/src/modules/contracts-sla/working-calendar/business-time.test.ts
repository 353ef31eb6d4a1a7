import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { addServiceMinutes, isWithinServiceHours, MAX_SERVICE_SPAN_DAYS, nextServiceOpening, SERVICE_HOURS_7X24, serviceMinutesBetween, type ServiceHours } from './business-time.ts';
import { chinaCalendar } from './china-calendar.ts';
import { overrideCalendar, workingCalendar, WORKING_HOURS_WITH_LUNCH_BREAK } from './working-calendar.ts';

/** A Shanghai wall-clock time, `YYYY-MM-DD HH:MM`, as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** A wall-clock time `YYYY-MM-DD HH:MM` in a time zone, as an instant. */
const wallClockInstant = (local: string, timeZone: string) => {
  const [year, month, day, hour, minute] = local.split(/[- :]/).map(Number) as [number, number, number, number, number];
  return new Date(new TZDate(year, month - 1, day, hour, minute, timeZone).getTime());
};
/** An instant as wall-clock time in a time zone, `YYYY-MM-DD HH:MM`. */
const wallClock = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(instant);
/** An instant as Shanghai wall-clock time, `YYYY-MM-DD HH:MM`. */
const inShanghai = (instant: Date) => wallClock(instant, 'Asia/Shanghai');

const china = chinaCalendar([2025, 2026]);
const fiveByEight: ServiceHours = { kind: '5x8', calendar: china };
const withLunch: ServiceHours = { kind: '5x8', calendar: overrideCalendar(china, { working_hours: [...WORKING_HOURS_WITH_LUNCH_BREAK] }) };

describe('addServiceMinutes on the mainland China 5x8 calendar (09:00–18:00)', () => {
  it.each([
    ['P1 raised Friday 17:30, 60 minutes: Monday 09:30', '2025-11-07 17:30', 60, '2025-11-10 09:30'],
    ['inside hours: same day', '2025-11-05 10:00', 120, '2025-11-05 12:00'],
    ['before opening: counts from 09:00', '2025-11-05 07:15', 30, '2025-11-05 09:30'],
    ['after closing: counts from the next morning', '2025-11-05 19:00', 30, '2025-11-06 09:30'],
    ['on a Saturday: counts from Monday', '2025-11-08 11:00', 60, '2025-11-10 10:00'],
    ['a deadline that falls on closing time is closing time', '2025-11-05 17:30', 30, '2025-11-05 18:00'],
    ['one minute more rolls to the next morning', '2025-11-05 17:30', 31, '2025-11-06 09:01'],
    ['zero minutes inside hours: the start itself', '2025-11-05 10:00', 0, '2025-11-05 10:00'],
    ['zero minutes at 18:00 sharp: 18:00 itself', '2025-11-05 18:00', 0, '2025-11-05 18:00'],
    ['a whole working week', '2025-11-10 09:00', 5 * 540, '2025-11-14 18:00'],
    ['国庆 2025: from the eve, resumes 9 October', '2025-09-30 17:00', 120, '2025-10-09 10:00'],
    ['国庆 2025: the 调休 Sunday 28 September is worked', '2025-09-26 17:30', 60, '2025-09-28 09:30'],
    ['国庆 2025: the 调休 Saturday 11 October is worked', '2025-10-10 17:00', 120, '2025-10-11 10:00'],
    ['raised during 国庆: counts from 9 October', '2025-10-03 10:00', 60, '2025-10-09 10:00'],
    ['Spring Festival 2026: the 调休 Saturday 14 February is worked', '2026-02-13 17:00', 120, '2026-02-14 10:00'],
    ['Spring Festival 2026: from 14 February to Tuesday 24 February', '2026-02-14 17:00', 120, '2026-02-24 10:00'],
    ['year boundary: 元旦 2026 off, the 调休 Sunday 4 January worked', '2025-12-31 17:00', 120, '2026-01-04 10:00'],
  ])('%s', (_label, start, minutes, expected) => {
    expect(inShanghai(addServiceMinutes(sh(start), minutes, fiveByEight))).toBe(expected);
  });

  it.each([
    ['before lunch, through the break', '2025-11-05 11:30', 60, '2025-11-05 13:30'],
    ['raised during lunch: counts from 13:00', '2025-11-05 12:30', 30, '2025-11-05 13:30'],
    ['an eight-hour day', '2025-11-05 09:00', 480, '2025-11-05 18:00'],
  ])('with a lunch break: %s', (_label, start, minutes, expected) => {
    expect(inShanghai(addServiceMinutes(sh(start), minutes, withLunch))).toBe(expected);
  });

  it('keeps the seconds of a start inside hours', () => {
    expect(addServiceMinutes(new Date('2025-11-05T02:00:30.250Z'), 15, fiveByEight).toISOString()).toBe('2025-11-05T02:15:30.250Z');
  });
});

describe('a deadline that uses up the last service minute of a day is that day\'s closing time', () => {
  const china2024: ServiceHours = { kind: '5x8', calendar: chinaCalendar([2024]) };
  const berlin: ServiceHours = { kind: '5x8', calendar: workingCalendar({ time_zone: 'Europe/Berlin' }) };
  const wholeWorkingDays: ServiceHours = { kind: '5x8', calendar: workingCalendar({ working_hours: [{ start: '00:00', end: '24:00' }] }) };

  it.each<[string, ServiceHours, string, number, string, string]>([
    // [case, hours, start, minutes, deadline, one minute more] in the calendar's own wall-clock time
    ['an ordinary Wednesday', fiveByEight, '2025-11-05 17:30', 30, '2025-11-05 18:00', '2025-11-06 09:01'],
    ['a Friday, before the weekend', fiveByEight, '2025-11-07 17:30', 30, '2025-11-07 18:00', '2025-11-10 09:01'],
    ['the eve of 国庆', fiveByEight, '2025-09-30 17:00', 60, '2025-09-30 18:00', '2025-10-09 09:01'],
    ['New Year\'s Eve, 元旦 off and the 调休 Sunday 4 January next', fiveByEight, '2025-12-31 09:00', 540, '2025-12-31 18:00', '2026-01-04 09:01'],
    ['the 调休 Saturday 14 February 2026, before 春节', fiveByEight, '2026-02-13 17:00', 600, '2026-02-14 18:00', '2026-02-24 09:01'],
    ['a whole day counted from the evening before', fiveByEight, '2025-11-04 20:00', 540, '2025-11-05 18:00', '2025-11-06 09:01'],
    ['issue 13: fifteen working days from 元旦 2024', china2024, '2024-01-01 08:00', 8100, '2024-01-22 18:00', '2024-01-23 09:01'],
    ['the morning\'s close before a lunch break', withLunch, '2025-11-05 11:30', 30, '2025-11-05 12:00', '2025-11-05 13:01'],
    ['a day that runs to midnight, before the weekend', wholeWorkingDays, '2025-11-07 23:30', 30, '2025-11-08 00:00', '2025-11-10 00:01'],
    ['a Berlin tenant, the Friday before clocks go forward', berlin, '2026-03-27 17:30', 30, '2026-03-27 18:00', '2026-03-30 09:01'],
  ])('%s', (_label, hours, start, minutes, expected, oneMinuteMore) => {
    const zone = hours.kind === '5x8' ? hours.calendar.time_zone : 'Asia/Shanghai';
    const from = wallClockInstant(start, zone);
    const deadline = addServiceMinutes(from, minutes, hours);
    expect(wallClock(deadline, zone)).toBe(expected);
    expect(isWithinServiceHours(deadline, hours)).toBe(false);
    expect(serviceMinutesBetween(from, deadline, hours)).toBe(minutes);
    // However the minutes are split, the deadline stays where a service desk shows it.
    expect(addServiceMinutes(deadline, 0, hours)).toEqual(deadline);
    expect(addServiceMinutes(addServiceMinutes(from, 0, hours), minutes, hours)).toEqual(deadline);
    expect(addServiceMinutes(addServiceMinutes(from, minutes - 1, hours), 1, hours)).toEqual(deadline);
    expect(wallClock(addServiceMinutes(deadline, 1, hours), zone)).toBe(oneMinuteMore);
    expect(addServiceMinutes(from, minutes + 1, hours)).toEqual(addServiceMinutes(deadline, 1, hours));
  });
});

describe('zero minutes: the start itself, wherever it lies', () => {
  it.each<[string, ServiceHours, string, string]>([
    // [case, hours, start, where one minute would end]
    ['inside hours', fiveByEight, '2025-11-05 10:00', '2025-11-05 10:01'],
    ['at closing time', fiveByEight, '2025-11-05 18:00', '2025-11-06 09:01'],
    ['an SLA clock started at 20:00 with no budget', fiveByEight, '2025-11-05 20:00', '2025-11-06 09:01'],
    ['before opening', fiveByEight, '2025-11-05 07:15', '2025-11-05 09:01'],
    ['at midnight', fiveByEight, '2025-11-06 00:00', '2025-11-06 09:01'],
    ['on a Saturday', fiveByEight, '2025-11-08 11:00', '2025-11-10 09:01'],
    ['during 国庆', fiveByEight, '2025-10-03 10:00', '2025-10-09 09:01'],
    ['during the lunch break', withLunch, '2025-11-05 12:30', '2025-11-05 13:01'],
    ['on 7x24', SERVICE_HOURS_7X24, '2025-10-01 03:00', '2025-10-01 03:01'],
  ])('%s', (_label, hours, start, oneMinute) => {
    expect(inShanghai(addServiceMinutes(sh(start), 0, hours))).toBe(start);
    expect(inShanghai(addServiceMinutes(sh(start), 1, hours))).toBe(oneMinute);
  });
});

describe('addServiceMinutes on 7x24', () => {
  it.each([
    ['Friday evening', '2025-11-07 17:30', 60, '2025-11-07 18:30'],
    ['through a holiday', '2025-09-30 23:00', 24 * 60, '2025-10-01 23:00'],
    ['across the year boundary', '2025-12-31 23:30', 60, '2026-01-01 00:30'],
    ['zero minutes', '2025-10-01 03:00', 0, '2025-10-01 03:00'],
  ])('%s', (_label, start, minutes, expected) => {
    expect(inShanghai(addServiceMinutes(sh(start), minutes, SERVICE_HOURS_7X24))).toBe(expected);
  });
});

describe('serviceMinutesBetween', () => {
  it.each([
    ['Friday 17:30 to Monday 09:30', '2025-11-07 17:30', '2025-11-10 09:30', 60],
    ['国庆 2025: only 30 Sept, 9 and 10 Oct count', '2025-09-30 09:00', '2025-10-10 18:00', 3 * 540],
    ['November 2025: 20 working days', '2025-11-01 00:00', '2025-12-01 00:00', 20 * 540],
    ['October 2025: 17 weekdays after 国庆 plus the 调休 Saturday', '2025-10-01 00:00', '2025-11-01 00:00', 18 * 540],
    ['inside one weekend', '2025-11-08 08:00', '2025-11-09 20:00', 0],
    ['the same instant', '2025-11-05 10:00', '2025-11-05 10:00', 0],
    ['reversed: negative ("minutes overdue")', '2025-11-10 09:30', '2025-11-07 17:30', -60],
    ['year boundary', '2025-12-31 17:00', '2026-01-04 10:00', 120],
  ])('%s', (_label, a, b, expected) => {
    expect(serviceMinutesBetween(sh(a), sh(b), fiveByEight)).toBe(expected);
  });

  it('counts a lunch break out', () => {
    expect(serviceMinutesBetween(sh('2025-11-05 09:00'), sh('2025-11-05 18:00'), withLunch)).toBe(480);
  });

  it('counts every minute on 7x24, holidays included', () => {
    expect(serviceMinutesBetween(sh('2025-10-01 00:00'), sh('2025-10-08 00:00'), SERVICE_HOURS_7X24)).toBe(7 * 1440);
  });
});

describe('isWithinServiceHours and nextServiceOpening', () => {
  it.each([
    ['a weekday morning', '2025-11-05 10:00', true, '2025-11-05 10:00'],
    ['opening time', '2025-11-05 09:00', true, '2025-11-05 09:00'],
    ['closing time', '2025-11-05 18:00', false, '2025-11-06 09:00'],
    ['before opening', '2025-11-05 08:59', false, '2025-11-05 09:00'],
    ['a Sunday', '2025-11-09 10:00', false, '2025-11-10 09:00'],
    ['国庆节', '2025-10-01 10:00', false, '2025-10-09 09:00'],
    ['the 调休 Sunday 28 September', '2025-09-28 10:00', true, '2025-09-28 10:00'],
    ['New Year\'s Eve night', '2025-12-31 22:00', false, '2026-01-04 09:00'],
  ])('%s', (_label, t, within, opening) => {
    expect(isWithinServiceHours(sh(t), fiveByEight)).toBe(within);
    expect(inShanghai(nextServiceOpening(sh(t), fiveByEight))).toBe(opening);
  });

  it('is always open on 7x24', () => {
    expect(isWithinServiceHours(sh('2025-10-01 03:00'), SERVICE_HOURS_7X24)).toBe(true);
    expect(inShanghai(nextServiceOpening(sh('2025-10-01 03:00'), SERVICE_HOURS_7X24))).toBe('2025-10-01 03:00');
  });

  it('is closed during lunch', () => {
    expect(isWithinServiceHours(sh('2025-11-05 12:30'), withLunch)).toBe(false);
    expect(inShanghai(nextServiceOpening(sh('2025-11-05 12:30'), withLunch))).toBe('2025-11-05 13:00');
  });
});

describe('time zones', () => {
  const berlin: ServiceHours = { kind: '5x8', calendar: workingCalendar({ time_zone: 'Europe/Berlin' }) };

  it('counts in the calendar\'s zone across a daylight-saving change', () => {
    // Friday 27 March 2026 17:30 CET (UTC+1); clocks go forward on Sunday 29 March; Monday 09:30 is CEST (UTC+2).
    expect(addServiceMinutes(new Date('2026-03-27T16:30:00Z'), 60, berlin).toISOString()).toBe('2026-03-30T07:30:00.000Z');
    expect(serviceMinutesBetween(new Date('2026-03-27T16:30:00Z'), new Date('2026-03-30T07:30:00Z'), berlin)).toBe(60);
  });

  it('reads the start in the calendar\'s zone, not the server\'s', () => {
    // 01:30 UTC on Monday is 09:30 in Shanghai: inside hours there.
    expect(isWithinServiceHours(new Date('2025-11-10T01:30:00Z'), fiveByEight)).toBe(true);
  });

  it('supports a day that runs to 24:00', () => {
    const wholeWorkingDays: ServiceHours = { kind: '5x8', calendar: workingCalendar({ working_hours: [{ start: '00:00', end: '24:00' }] }) };
    expect(inShanghai(addServiceMinutes(sh('2025-11-07 23:30'), 60, wholeWorkingDays))).toBe('2025-11-10 00:30');
  });
});

describe('guards', () => {
  it.each([
    ['negative minutes', () => addServiceMinutes(sh('2025-11-05 10:00'), -1, fiveByEight)],
    ['NaN minutes', () => addServiceMinutes(sh('2025-11-05 10:00'), Number.NaN, fiveByEight)],
    ['infinite minutes', () => addServiceMinutes(sh('2025-11-05 10:00'), Number.POSITIVE_INFINITY, SERVICE_HOURS_7X24)],
    ['an invalid start', () => addServiceMinutes(new Date('not a date'), 10, fiveByEight)],
    ['more minutes than the span limit', () => addServiceMinutes(sh('2025-11-05 10:00'), MAX_SERVICE_SPAN_DAYS * 1440 + 1, SERVICE_HOURS_7X24)],
    ['a target beyond the span limit on 5x8', () => addServiceMinutes(sh('2025-11-05 10:00'), 2_000 * 540, fiveByEight)],
    ['a span of more than five years', () => serviceMinutesBetween(sh('2020-01-01 00:00'), sh('2026-01-01 00:00'), fiveByEight)],
    ['a reversed span of more than five years', () => serviceMinutesBetween(sh('2026-01-01 00:00'), sh('2020-01-01 00:00'), SERVICE_HOURS_7X24)],
    ['a calendar without a single working day', () => nextServiceOpening(sh('2025-11-05 10:00'), { kind: '5x8', calendar: workingCalendar({ rest_weekdays: [1, 2, 3, 4, 5, 6, 7] }) })],
    ['an invalid calendar', () => isWithinServiceHours(sh('2025-11-05 10:00'), { kind: '5x8', calendar: workingCalendar({ time_zone: 'Mars/Olympus' }) })],
  ])('rejects %s', (_label, call) => {
    expect(call).toThrow(RangeError);
  });
});

describe('long spans stay fast', () => {
  it('adds a month of business time and counts four years in well under a second', () => {
    const began = performance.now();
    for (let i = 0; i < 50; i++) addServiceMinutes(sh('2025-01-02 10:00'), 22 * 540, fiveByEight);
    const fourYears = serviceMinutesBetween(sh('2023-01-01 00:00'), sh('2026-12-31 00:00'), { kind: '5x8', calendar: chinaCalendar([2023, 2024, 2025, 2026]) });
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(fourYears).toBeGreaterThan(4 * 240 * 540);
  });
});
