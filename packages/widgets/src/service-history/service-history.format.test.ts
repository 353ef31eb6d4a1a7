import { describe, expect, it } from 'vitest';
import { formatEntryTime, periodStart, presetTypes } from './service-history.format.js';

describe('presetTypes', () => {
  it.each([
    ['', ['service_record', 'communication', 'complaint', 'contract_event']],
    [null, ['service_record', 'communication', 'complaint', 'contract_event']],
    ['complaint, service_record', ['service_record', 'complaint']],
    ['contract_event,unknown', ['contract_event']],
    ['unknown', ['service_record', 'communication', 'complaint', 'contract_event']],
  ])('%s → %j', (attribute, types) => {
    expect(presetTypes(attribute)).toEqual(types);
  });
});

describe('periodStart', () => {
  const now = new Date('2026-11-26T04:00:00Z'); // 12:00 in Beijing
  it.each([
    ['30', '2026-10-28'],
    ['90', '2026-08-29'],
    ['365', '2025-11-27'],
    ['all', undefined],
  ] as const)('the last %s days start on %s', (period, day) => {
    expect(periodStart(period, now)).toBe(day);
  });

  it('counts from the Beijing day, not the UTC one', () => {
    // 23:30 UTC on the 25th is already the 26th in Beijing.
    expect(periodStart('30', new Date('2026-11-25T23:30:00Z'))).toBe('2026-10-28');
  });
});

describe('formatEntryTime', () => {
  it.each([
    ['2026-03-05T22:00:00+08:00', 'zh-CN', '2026/03/05 22:00'],
    ['2026-03-05T22:00:00+08:00', 'en', 'Mar 5, 2026, 22:00'],
    ['2026-03-05T16:30:00Z', 'zh-CN', '2026/03/06 00:30'],
  ] as const)('%s in %s is %s (Beijing time)', (at, locale, text) => {
    expect(formatEntryTime(at, locale)).toBe(text);
  });
});
