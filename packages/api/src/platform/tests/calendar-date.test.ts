import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, businessDate, dayNumber, daysBetween, fromDayNumber, isIsoDate } from '../time/calendar-date.ts';

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-1-01', false],
    ['20250101', false],
    ['2025-01-01T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-01-01', 365, '2026-01-01'],
    ['2024-01-01', 365, '2024-12-31'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2024-01-01', '2024-12-31', 365],
    ['2025-01-01', '2025-12-31', 364],
    ['2025-01-01', '2024-12-31', -1],
    ['2025-03-30', '2025-03-31', 1],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('refuses a date that does not exist', () => {
    expect(() => dayNumber('2025-02-29')).toThrow(RangeError);
  });

  it('dayNumber and fromDayNumber are inverse', () => {
    fc.assert(fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => dayNumber(fromDayNumber(n)) === n));
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-05-31', 1, '2025-06-30'],
    ['2025-01-15', 12, '2026-01-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-01-01', -13, '2023-12-01'],
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('businessDate', () => {
  it.each([
    ['2026-11-25T15:59:59Z', '2026-11-25'],
    ['2026-11-25T16:00:00Z', '2026-11-26'],
    ['2024-02-28T16:00:00Z', '2024-02-29'],
    ['2024-12-31T16:00:00Z', '2025-01-01'],
  ])('%s is %s in Shanghai', (instant, expected) => {
    expect(businessDate(new Date(instant))).toBe(expected);
  });
});
