import { describe, expect, it } from 'vitest';
import { formatContractNumber, isContractNumber, parseContractNumber } from './contract-number.ts';

describe('formatContractNumber', () => {
  it.each([
    ['2026-11-25T16:30:00Z', 1, 'HT202611260001'],
    ['2026-11-25T15:59:59Z', 1, 'HT202611250001'],
    ['2024-02-28T16:00:00Z', 37, 'HT202402290037'],
    ['2024-12-31T16:00:00Z', 9999, 'HT202501019999'],
    ['2025-06-01T04:00:00Z', 10000, 'HT2025060110000'],
  ])('%s, sequence %i → %s (the Shanghai business date)', (instant, sequence, expected) => {
    expect(formatContractNumber(new Date(instant), sequence)).toBe(expected);
  });

  it.each([0, -1, 1.5])('refuses sequence %d', (sequence) => {
    expect(() => formatContractNumber(new Date(), sequence)).toThrow(RangeError);
  });
});

describe('parseContractNumber', () => {
  it.each([
    ['HT202611260001', { business_date: '2026-11-26', sequence: 1 }],
    ['HT202402290012', { business_date: '2024-02-29', sequence: 12 }],
    ['HT202512319999', { business_date: '2025-12-31', sequence: 9999 }],
    ['HT2025060110000', { business_date: '2025-06-01', sequence: 10000 }],
    ['HT202502290001', null],
    ['HT202513010001', null],
    ['HT202611260000', null],
    ['HT20261126001', null],
    ['HT2026112600001', null],
    ['ht202611260001', null],
    ['CUST202611260001', null],
    [' HT202611260001', null],
    ['HT202611260001 ', null],
    ['HT2026-11-260001', null],
    ['', null],
  ])('%j → %o', (value, expected) => {
    expect(parseContractNumber(value)).toEqual(expected);
    expect(isContractNumber(value)).toBe(expected !== null);
  });

  it('reads back what it formats', () => {
    const now = new Date('2024-02-28T18:00:00Z');
    expect(parseContractNumber(formatContractNumber(now, 42))).toEqual({ business_date: '2024-02-29', sequence: 42 });
  });
});
