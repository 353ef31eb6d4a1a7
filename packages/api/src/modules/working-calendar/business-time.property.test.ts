import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addServiceMinutes, isWithinServiceHours, nextServiceOpening, SERVICE_HOURS_7X24, serviceMinutesBetween, type ServiceHours } from './business-time.ts';
import { chinaCalendar } from './china-calendar.ts';
import { overrideCalendar, workingCalendar, WORKING_HOURS_WITH_LUNCH_BREAK } from './working-calendar.ts';

const china = chinaCalendar([2024, 2025, 2026, 2027]);
const serviceHours: [string, ServiceHours][] = [
  ['7x24', SERVICE_HOURS_7X24],
  ['5x8 mainland China', { kind: '5x8', calendar: china }],
  ['5x8 with a lunch break', { kind: '5x8', calendar: overrideCalendar(china, { working_hours: [...WORKING_HOURS_WITH_LUNCH_BREAK] }) }],
  ['5x8 in Europe/Berlin (daylight saving)', { kind: '5x8', calendar: workingCalendar({ time_zone: 'Europe/Berlin' }) }],
];
// Any millisecond from 2024 to late 2026, the years the bundled data covers, and up to two months of business time.
const instant = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-10-31T00:00:00Z'), noInvalidDate: true });
const minutes = fc.integer({ min: 0, max: 60 * 540 });

describe.each(serviceHours)('business-time properties on %s', (_label, hours) => {
  it('counts back exactly the minutes it added', () => {
    fc.assert(fc.property(instant, minutes, (start, m) => serviceMinutesBetween(start, addServiceMinutes(start, m, hours), hours) === m));
  });

  it('never ends a deadline earlier for more minutes', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (start, m1, m2) => {
        const [less, more] = m1 <= m2 ? [m1, m2] : [m2, m1];
        return addServiceMinutes(start, less, hours).getTime() <= addServiceMinutes(start, more, hours).getTime();
      }),
    );
  });

  it('opens at or after the instant asked, inside service hours, with no service time in between', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const opening = nextServiceOpening(t, hours);
        return opening.getTime() >= t.getTime() && isWithinServiceHours(opening, hours) && serviceMinutesBetween(t, opening, hours) === 0;
      }),
    );
  });

  it('is antisymmetric', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -90 * 1440, max: 90 * 1440 }), (a, offset) => {
        const b = new Date(a.getTime() + offset * 60_000);
        return offset === 0 || serviceMinutesBetween(a, b, hours) === -serviceMinutesBetween(b, a, hours);
      }),
    );
  });

  it('adds up over a split', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (start, m1, m2) => {
        const middle = addServiceMinutes(start, m1, hours);
        expect(addServiceMinutes(middle, m2, hours).getTime()).toBe(addServiceMinutes(start, m1 + m2, hours).getTime());
      }),
    );
  });
});
