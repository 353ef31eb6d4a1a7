import { describe, expect, it } from 'vitest';
import { calendarDayIn, formatAvailability, formatServiceMinutes, renewalCountdown, topReasons, type RecommendationReason } from './contract-panel.format.js';

describe('calendarDayIn', () => {
  it.each([
    ['2026-11-25T15:59:59Z', '2026-11-25'],
    ['2026-11-25T16:00:00Z', '2026-11-26'], // midnight in Beijing
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('%s is %s in Beijing', (instant, day) => {
    expect(calendarDayIn(new Date(instant))).toBe(day);
  });
});

describe('renewalCountdown', () => {
  const now = new Date('2026-11-26T04:00:00Z'); // 12:00 in Beijing
  it.each([
    ['2027-06-30', 216, 'later'],
    ['2026-12-27', 31, 'later'],
    ['2026-12-26', 30, 'soon'],
    ['2026-11-27', 1, 'soon'],
    ['2026-11-26', 0, 'soon'], // the last day is still in force
    ['2026-11-25', -1, 'past'],
  ])('end %s → %i days, %s', (end, days, band) => {
    expect(renewalCountdown(end, now)).toEqual({ days, band });
  });

  it('counts from the Beijing day, not the UTC one', () => {
    // 23:30 UTC on the 25th is already the 26th in Beijing.
    expect(renewalCountdown('2026-11-27', new Date('2026-11-25T23:30:00Z')).days).toBe(1);
  });
});

describe('formatServiceMinutes', () => {
  it.each([
    [15, '15 分钟', '15 minutes'],
    [60, '1 小时', '1 hour'],
    [240, '4 小时', '4 hours'],
    [90, '1 小时 30 分钟', '1 hour 30 minutes'],
    [4800, '80 小时', '80 hours'],
  ])('%i minutes', (minutes, zh, en) => {
    expect(formatServiceMinutes(minutes, 'zh-CN')).toBe(zh);
    expect(formatServiceMinutes(minutes, 'en')).toBe(en);
  });
});

describe('formatAvailability', () => {
  it.each([
    [99.5, '99.5%'],
    [99.95, '99.95%'],
    [99.999, '99.999%'],
  ])('%f', (percent, text) => {
    expect(formatAvailability(percent, 'zh-CN')).toBe(text);
  });
});

describe('topReasons', () => {
  const reason = (factor: string, points: number, effect: RecommendationReason['effect']): RecommendationReason => ({ factor, points, effect, zh: factor, en: factor });

  it('ranks factors by the size of their points, keeping the API order between equals, rules last', () => {
    const reasons = [
      reason('score', 0, 'rule'),
      reason('value', 0, 'neutral'),
      reason('level', 60, 'up'),
      reason('services', -6, 'down'),
      reason('p1_share', 6, 'up'),
    ];
    expect(topReasons(reasons).map((r) => r.factor)).toEqual(['level', 'services', 'p1_share']);
  });

  it('fills up with rules when fewer than three factors exist', () => {
    expect(topReasons([reason('cap', 0, 'rule'), reason('level', 20, 'up')]).map((r) => r.factor)).toEqual(['level', 'cap']);
  });
});
